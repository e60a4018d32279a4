# case: model output computed under inference_mode, then normalised with /= outside
import torch
import torch.nn as nn

model = nn.Linear(4, 2)
with torch.inference_mode():
    logits = model(torch.randn(3, 4))
logits /= 2.0  # expect: GG005  # raises: RuntimeError: Inplace update to inference tensor outside InferenceMode is not allowed.
