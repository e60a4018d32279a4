# case: sqrt saves its output; clamp_ on it before backward
import torch

x = torch.tensor([1.0, 4.0, 9.0], requires_grad=True)
y = x.sqrt()  # saver
y.clamp_(max=2.5)  # expect: GG002
y.sum().backward()  # raises: RuntimeError: modified by an inplace operation
