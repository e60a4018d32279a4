# case: a write to a leaf that requires grad spelled over several lines, with a comment at the end of a line
import torch

w = torch.ones(4, requires_grad=True)
w.clamp_(  # expect: GG001  # raises: RuntimeError: a leaf Variable that requires grad is being used in an in-place operation
    min=0.0,  # keep it non-negative
    max=0.5,
)  # clip
(w * 3).sum().backward()
print(w.grad)
