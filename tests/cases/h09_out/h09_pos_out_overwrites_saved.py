# case: torch.clamp(scale, ..., out=scale) rewrites a divisor that DivBackward saved for x's gradient (H9b): error at backward
import torch

torch.manual_seed(0)
x = torch.randn(3, requires_grad=True)
scale = torch.rand(3) + 0.5
y = x / scale  # saver
torch.clamp(scale, max=1.0, out=scale)  # expect: GG002
y.sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
