# source: https://github.com/pytorch/pytorch/issues/11390
# case: the resolution the error message itself proposes: the whole prototype update runs under @torch.no_grad(), so the row view and the write into it are both outside autograd, and the classifier trains with the momentum-updated prototypes
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

    @torch.no_grad()
    def update(self, feats, labels):
        for cls in labels.unique().tolist():
            row = self.slot(cls)
            row[:] = self.momentum * row + (1 - self.momentum) * feats[labels == cls].mean(0)

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
