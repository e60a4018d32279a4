# case: in-place on an inference tensor inside a later inference_mode block is allowed
import torch

with torch.inference_mode():
    t = torch.ones(3)
with torch.inference_mode():
    t.add_(1)
    t[0] = 0.
print(t)
