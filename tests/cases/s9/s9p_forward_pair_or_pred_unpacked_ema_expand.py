# case: a model's forward returns `(loss, bases)` when it is given labels in training and the bare prediction otherwise; the caller unpacks two names from it (the labels come from a loader, so `lbl is not None` is not known), takes the bases the E-step saved through an `expand` view of a buffer and updates that buffer in place under no_grad before the backward
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Linear(4, 4)
        self.register_buffer("mu", torch.randn(1, 4, 3))

    def forward(self, x, lbl=None):
        h = self.conv(x).unsqueeze(1)
        mu = self.mu.expand(x.size(0), -1, -1)
        z = torch.bmm(h, mu)  # saver
        if self.training and lbl is not None:
            return F.cross_entropy(z.squeeze(1), lbl), mu
        return z


torch.manual_seed(0)
net = Net()
loader = DataLoader(TensorDataset(torch.randn(4, 4), torch.randint(0, 3, (4,))), batch_size=2)
for image, label in loader:
    loss, mu = net(image, label)
    with torch.no_grad():
        net.mu *= 0.9  # expect: GG002
    loss.backward()  # raises: RuntimeError: modified by an inplace operation
