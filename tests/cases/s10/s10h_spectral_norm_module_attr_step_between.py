# case: a user module holding a hook-based spectral-normalized Linear (torch.nn.utils.spectral_norm) as an attribute; two optimizers over its parameters each step after their own loss's backward through one shared forward: the first step rewrites weight_orig, which the forward pre-hook's division kept, and the second backward fails even though the input does not require grad
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.nn.utils import spectral_norm


class Critic(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = spectral_norm(nn.Linear(6, 2))

    def forward(self, x):
        return F.elu(self.body(x))  # saver


torch.manual_seed(0)
critic = Critic()
opt_a = torch.optim.SGD(critic.parameters(), lr=0.05)
opt_b = torch.optim.SGD(critic.parameters(), lr=0.01)
points = torch.randn(9, 6)
out = critic(points)
hinge = torch.relu(1.0 - out).mean()
center = out.mean().pow(2)
hinge.backward(retain_graph=True)
opt_a.step()  # expect: GG002
center.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
opt_b.step()
print(round(hinge.item(), 4), round(center.item(), 4))
