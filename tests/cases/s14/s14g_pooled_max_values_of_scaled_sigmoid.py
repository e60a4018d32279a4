# case: per-graph max pooling read through the named result of `max(dim=0)` (`.values`) of a sigmoid output that is then scaled in place; the sigmoid saved its output, and the pooled loss backpropagates through it
import torch

torch.manual_seed(0)

w = torch.randn(4, 3, requires_grad=True)
x = torch.randn(6, 4)
batch = torch.tensor([0, 0, 0, 1, 1, 1])
act = torch.sigmoid(x @ w)  # saver
pooled = torch.stack([act[batch == g].max(dim=0).values for g in range(2)])
act.mul_(2.0)  # expect: GG002
pooled.sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
