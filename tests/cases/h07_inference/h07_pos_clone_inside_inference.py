# case: .clone() made INSIDE inference_mode is still an inference tensor: in-place outside raises
import torch

with torch.inference_mode():
    t = torch.ones(3)
    u = t.clone()
u.add_(1)  # expect: GG005  # raises: RuntimeError: Inplace update to inference tensor outside InferenceMode is not allowed.
