# case: Policy.probs is a property returning softmax of cached logits; agent.py clamps it in place
import torch

from agent import reinforce_loss
from policy import Policy

torch.manual_seed(0)
pi = Policy(4, 3)
pi(torch.randn(6, 4))
loss = reinforce_loss(pi, torch.tensor([0, 1, 2, 0, 1, 2]), torch.randn(6))
loss.backward()  # raises: RuntimeError: modified by an inplace operation
