# case: the third output of `torch.linalg.svd` (Vh) is scaled in place; the SVD backward keeps U, S and Vh alike
import torch

torch.manual_seed(0)
a = torch.randn(4, 4, requires_grad=True)
u, s, vh = torch.linalg.svd(a @ a.T + torch.eye(4))  # saver
vh.mul_(2)  # expect: GG002
(u.sum() + s.sum()).backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
