# case: a function updates a global leaf tensor in place (a running scale), called once before the forward
import torch

scale = torch.ones(3, requires_grad=True)


def warmup():
    global scale
    scale.mul_(0.9)  # expect: GG001  # raises: RuntimeError: a leaf Variable that requires grad is being used in an in-place operation


warmup()
(scale * 2).sum().backward()
print(scale.grad)
