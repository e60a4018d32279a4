# case: Policy.probs property returns a softmax; agent.py clamps it out of place
import torch

from agent import reinforce_loss
from policy import Policy

torch.manual_seed(0)
pi = Policy(4, 3)
pi(torch.randn(6, 4))
loss = reinforce_loss(pi, torch.tensor([0, 1, 2, 0, 1, 2]), torch.randn(6))
loss.backward()
