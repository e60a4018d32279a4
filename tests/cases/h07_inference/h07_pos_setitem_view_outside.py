# case: setitem on an inference tensor (through a view) outside inference_mode
import torch

with torch.inference_mode():
    mask = torch.zeros(2, 3)
mask[:, 0] = 1.  # expect: GG005  # raises: RuntimeError: Inplace update to inference tensor outside InferenceMode is not allowed.
