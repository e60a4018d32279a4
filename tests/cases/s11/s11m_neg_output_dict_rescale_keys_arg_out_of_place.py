# case: the two-head post-processing of s11m with the rescale written out of place (`y = feats[k] * factor` stored back in the dict): the sigmoid gate it kept is never written, so the gated loss backpropagates
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)


class TwoHead(nn.Module):
    def __init__(self, d=6, n_cls=3):
        super().__init__()
        self.trunk = nn.Linear(d, 8)
        self.cls = nn.Linear(8, n_cls)
        self.gate = nn.Linear(8, 1)

    def forward(self, x):
        h = torch.relu(self.trunk(x))
        t1 = self.cls(h)
        t2 = torch.sigmoid(self.gate(h))
        return {"logits": t1, "gate": t2}


def rescale(feats, keys, factor=2.0):
    for k in keys:
        y = feats[k] * factor
        feats[k] = y
    return feats


model = TwoHead()
x, target = torch.randn(4, 6), torch.randint(0, 3, (4,))
feats = rescale(model(x), ["logits", "gate"])
loss = (F.cross_entropy(feats["logits"], target, reduction="none") * feats["gate"].squeeze(1)).mean()
loss.backward()
print(round(loss.item(), 4))
