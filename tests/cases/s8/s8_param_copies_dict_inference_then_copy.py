# case: a dict comprehension over named_parameters() keeps a CPU copy of each weight, built under inference_mode (inference tensors); a later sync outside inference mode copies new weights into those copies in place
import torch
import torch.nn as nn


class Mirror:
    def __init__(self, module):
        self.copies = {name: p.detach().clone() for name, p in module.named_parameters()}

    def sync(self, module):
        for name, copy in self.copies.items():
            copy.copy_(dict(module.named_parameters())[name])  # expect: GG005  # raises: RuntimeError: Inplace update to inference tensor outside InferenceMode


torch.manual_seed(0)
net = nn.Sequential(nn.Linear(4, 4), nn.ReLU(), nn.Linear(4, 2))
with torch.inference_mode():
    mirror = Mirror(net)
mirror.sync(net)
