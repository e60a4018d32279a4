# case: tensor created in inference_mode, add_ after the block
import torch

with torch.inference_mode():
    t = torch.ones(3)
t.add_(1)  # expect: GG005  # raises: RuntimeError: Inplace update to inference tensor outside InferenceMode is not allowed.
