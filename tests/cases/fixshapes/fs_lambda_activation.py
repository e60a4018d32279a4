# case: an activation held in a lambda (`act = lambda t: F.relu(t, inplace=True)`) applied to a sigmoid's output
import torch
import torch.nn.functional as F

act = lambda t: F.relu(t, inplace=True)  # noqa: E731  # expect: GG002
x = torch.randn(4, requires_grad=True)
h = torch.sigmoid(x)  # saver
out = act(h)
out.sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
print(x.grad)
