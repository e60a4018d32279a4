# case: an inference tensor made in a one-line `with torch.inference_mode(): ...` then used by an op that saves it for backward
import torch

w = torch.randn(3, requires_grad=True)
with torch.inference_mode(): feats = torch.randn(2, 3) * 2
out = (feats * w).sum()  # expect: GG006  # raises: RuntimeError: Inference tensors cannot be saved for backward
out.backward()
print(w.grad)
