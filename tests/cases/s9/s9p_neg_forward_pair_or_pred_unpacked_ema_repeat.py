# case: clean twin: the same forward returning `(loss, bases)` or the prediction, unpacked by the caller; the bases are taken with `repeat` (a copy), so the EMA update of the buffer in place before the backward changes nothing the E-step saved
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
        mu = self.mu.repeat(x.size(0), 1, 1)
        z = torch.bmm(h, mu)
        if self.training and lbl is not None:
            return F.cross_entropy(z.squeeze(1), lbl), mu
        return z


torch.manual_seed(0)
net = Net()
loader = DataLoader(TensorDataset(torch.randn(4, 4), torch.randint(0, 3, (4,))), batch_size=2)
for image, label in loader:
    loss, mu = net(image, label)
    with torch.no_grad():
        net.mu *= 0.9
    loss.backward()
