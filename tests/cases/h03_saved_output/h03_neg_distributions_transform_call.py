# case: the same transform normalising out of place (`probs = probs / probs.sum(-1, True)`), as the fixed torch.distributions code does
import torch
from torch.distributions import constraints
from torch.distributions.transforms import Transform


class SoftmaxLike(Transform):
    domain = constraints.real_vector
    codomain = constraints.simplex

    def _call(self, x):
        probs = (x - x.max(-1, True)[0]).exp()
        probs = probs / probs.sum(-1, True)
        return probs


torch.manual_seed(0)
logits = torch.randn(5, 3, requires_grad=True)
weights = SoftmaxLike()(logits)
weights.log().sum().backward()
