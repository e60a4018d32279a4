# case: features computed under inference_mode fed to a trainable nn.Linear (saves its input)
import torch
import torch.nn as nn

backbone = nn.Linear(4, 4)
head = nn.Linear(4, 2)
with torch.inference_mode():
    feats = backbone(torch.randn(3, 4))
logits = head(feats)  # expect: GG006  # raises: RuntimeError: Inference tensors cannot be saved for backward.
