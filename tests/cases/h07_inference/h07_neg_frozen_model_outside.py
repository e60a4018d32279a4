# case: inference tensor fed to a frozen model outside inference_mode: no grad anywhere, nothing saved
import torch
import torch.nn as nn

with torch.inference_mode():
    feats = torch.randn(3, 4)
head = nn.Linear(4, 2).requires_grad_(False)
out = torch.sigmoid(head(feats))
print(out.shape)
