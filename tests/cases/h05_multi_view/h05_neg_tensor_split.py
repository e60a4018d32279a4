# case: torch.tensor_split returns ordinary views (SliceBackward0), NOT restricted multi-output views
import torch

x = torch.randn(4, requires_grad=True)
h = x * 1
left, right = torch.tensor_split(h, 2)
left.mul_(2)
(left.sum() + right.sum()).backward()
print(x.grad)
