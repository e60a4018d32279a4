# case: a two-head model returns a dict of outputs and a post-processing helper rescales in place the entries named by its `keys` argument; the list passed in names the sigmoid gate, whose output sigmoid kept for backward, so the gated loss cannot be backpropagated
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
        t2 = torch.sigmoid(self.gate(h))  # saver
        return {"logits": t1, "gate": t2}


def rescale(feats, keys, factor=2.0):
    for k in keys:
        y = feats[k]
        y.mul_(factor)  # expect: GG002
    return feats


model = TwoHead()
x, target = torch.randn(4, 6), torch.randint(0, 3, (4,))
feats = rescale(model(x), ["logits", "gate"])
loss = (F.cross_entropy(feats["logits"], target, reduction="none") * feats["gate"].squeeze(1)).mean()
loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
print(round(loss.item(), 4))
