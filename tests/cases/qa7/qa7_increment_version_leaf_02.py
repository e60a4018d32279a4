# case: clean twin: the update of x is made out of place (a new tensor, the leaf stays as it was)
# source: https://runebook.dev/en/docs/pytorch/generated/torch.autograd.graph.increment_version
import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = x * 2
x2 = x + 1
z = y.sum() + x2.sum()
z.backward()
