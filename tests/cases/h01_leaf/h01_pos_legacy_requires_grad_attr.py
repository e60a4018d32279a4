# case: legacy construction, grad flag set afterwards by attribute assignment: a leaf that requires grad
import torch

w = torch.FloatTensor(3, 4)
w.requires_grad = True
w.normal_()  # expect: GG001  # raises: RuntimeError: a leaf Variable that requires grad is being used in an in-place operation
