# case: gdrl chapter-12 SAC optimize_model as it failed under torch >= 1.5: the policy loss is built through both online Q-networks, the Q optimizers step, then the policy loss is backpropagated
# source: https://github.com/mimoralea/gdrl/issues/13
import torch

from sac import SAC

torch.manual_seed(0)
agent = SAC(nS=3, nA=2)
B = 8
experiences = (torch.randn(B, 3), torch.rand(B, 2) * 2 - 1, torch.randn(B, 1), torch.randn(B, 3), torch.zeros(B, 1))
agent.optimize_model(experiences)
