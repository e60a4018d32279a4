# case: policy network (models/net.py) ends in tanh; train.py freezes joint 0 by assigning into the action
import torch

from models.net import Policy


def imitation_loss(policy: Policy, obs: torch.Tensor, expert: torch.Tensor) -> torch.Tensor:
    action = policy(obs)
    action[:, 0] = 0.0  # expect: GG002
    return torch.nn.functional.mse_loss(action, expert)


torch.manual_seed(0)
pi = Policy()
loss = imitation_loss(pi, torch.randn(16, 8), torch.rand(16, 3) * 2 - 1)
loss.backward()  # raises: RuntimeError: modified by an inplace operation
