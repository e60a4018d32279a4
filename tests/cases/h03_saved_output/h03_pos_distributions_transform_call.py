# case: a torch.distributions Transform subclass normalises in place in `_call` (which `Transform.__call__` runs): `probs /= probs.sum(-1, True)` writes into the exp output ExpBackward saved
import torch
from torch.distributions import constraints
from torch.distributions.transforms import Transform


class SoftmaxLike(Transform):
    domain = constraints.real_vector
    codomain = constraints.simplex

    def _call(self, x):
        probs = (x - x.max(-1, True)[0]).exp()  # saver
        probs /= probs.sum(-1, True)  # expect: GG002
        return probs


torch.manual_seed(0)
logits = torch.randn(5, 3, requires_grad=True)
weights = SoftmaxLike()(logits)
weights.log().sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
