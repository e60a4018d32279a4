# case: x * t with x requiring grad must save the inference tensor t: raises at the op
import torch

with torch.inference_mode():
    t = torch.ones(3)
x = torch.randn(3, requires_grad=True)
y = x * t  # expect: GG006  # raises: RuntimeError: Inference tensors cannot be saved for backward.
