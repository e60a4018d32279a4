# source: https://github.com/pytorch/pytorch/issues/11390
# case: the pattern the discussion centres on (`with torch.no_grad(): x = z[0]` then `x[i] = y` with grad mode on), in a prototype memory: a row of the trainable prototype table is fetched by a @torch.no_grad() helper, and the class-mean feature is written into that row outside no_grad; torch 2.13 forbids modifying the no_grad view with grad mode enabled
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)


class PrototypeMemory(nn.Module):
    def __init__(self, num_classes, dim):
        super().__init__()
        self.protos = nn.Parameter(torch.randn(num_classes, dim) * 0.1)
        self.momentum = 0.9

    @torch.no_grad()
    def slot(self, cls):
        return self.protos[cls]

    def update(self, feats, labels):
        for cls in labels.unique().tolist():
            row = self.slot(cls)
            row[:] = self.momentum * row + (1 - self.momentum) * feats[labels == cls].mean(0)  # expect: GG004  # raises: RuntimeError: A view was created in no_grad mode and is being modified inplace with grad mode enabled

    def forward(self, feats):
        return F.normalize(feats, dim=1) @ F.normalize(self.protos, dim=1).t()


encoder = nn.Sequential(nn.Linear(6, 8), nn.ReLU(), nn.Linear(8, 8))
memory = PrototypeMemory(num_classes=3, dim=8)
optimizer = torch.optim.SGD(list(encoder.parameters()) + list(memory.parameters()), lr=0.1)
x = torch.randn(6, 6)
y = torch.tensor([0, 1, 2, 0, 1, 2])
feats = encoder(x)
memory.update(feats.detach(), y)
loss = F.cross_entropy(memory(feats) / 0.1, y)
loss.backward()
optimizer.step()
