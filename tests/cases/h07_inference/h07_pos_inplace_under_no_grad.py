# case: no_grad is not inference_mode: in-place on an inference tensor under no_grad still raises
import torch

with torch.inference_mode():
    stats = torch.zeros(3)
with torch.no_grad():
    stats.add_(torch.ones(3))  # expect: GG005  # raises: RuntimeError: Inplace update to inference tensor outside InferenceMode is not allowed.
