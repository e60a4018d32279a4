# case: torch.distributions BoltzmannTransform (the softmax transform, before the PR): `_call` exponentiates the shifted logits and then normalizes them with `probs /= probs.sum(-1, True)`, in place on the exp output that ExpBackward saved; used here to map a policy network's logits onto the simplex
# source: https://github.com/pytorch/pytorch/pull/5842
import torch
import torch.nn as nn
from torch.distributions import constraints
from torch.distributions.transforms import Transform


class BoltzmannTransform(Transform):
    """Transform from unconstrained space to the simplex via y = exp(x), then normalizing."""

    domain = constraints.real_vector
    codomain = constraints.simplex

    def __eq__(self, other):
        return isinstance(other, BoltzmannTransform)

    def _call(self, x):
        logprobs = x
        probs = (logprobs - logprobs.max(-1, True)[0]).exp()  # saver
        probs /= probs.sum(-1, True)  # expect: GG002
        return probs

    def _inverse(self, y):
        probs = y
        return probs.log()


class MixturePolicy(nn.Module):
    def __init__(self, obs_dim=4, n_components=3):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(obs_dim, 16), nn.Tanh(), nn.Linear(16, n_components))
        self.to_simplex = BoltzmannTransform()

    def forward(self, obs):
        return self.to_simplex(self.net(obs))


torch.manual_seed(0)
policy = MixturePolicy()
optimizer = torch.optim.Adam(policy.parameters(), lr=1e-3)
obs = torch.randn(5, 4)
target = torch.softmax(torch.randn(5, 3), dim=-1)
weights = policy(obs)
loss = (target * (target.log() - weights.log())).sum(-1).mean()  # KL(target || weights)
optimizer.zero_grad()
loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
optimizer.step()
