# source: https://github.com/pytorch/pytorch/issues/55368
# case: the reproduction in a training loop: a spectral-normalized linear head is fitted with two loss terms, each with its own optimizer over the same parameters; the shared forward is backpropagated twice (retain_graph=True on the first), and the first optimizer's step rewrites weight_orig, which SpectralNorm's `weight_orig / sigma` saved for backward, so the second backward fails
import torch
import torch.nn as nn
from torch.nn.utils import spectral_norm

torch.manual_seed(0)


class Head(nn.Module):
    def __init__(self, in_dim=2, out_dim=5):
        super().__init__()
        self.proj = spectral_norm(nn.Linear(in_dim, out_dim))

    def forward(self, x):
        return self.proj(x)


head = Head()
opt_sparse = torch.optim.SGD(head.parameters(), lr=1e-3)
opt_fit = torch.optim.SGD(head.parameters(), lr=1e-2)
targets = torch.randn(7, 5)

for step in range(2):
    x = torch.randn(7, 2)
    output = head(x)
    sparse_loss = output.abs().mean()
    fit_loss = (output - targets).pow(2).mean()

    opt_sparse.zero_grad()
    sparse_loss.backward(retain_graph=True)
    opt_sparse.step()  # expect: GG002

    opt_fit.zero_grad()
    fit_loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
    opt_fit.step()
    print(step, round(sparse_loss.item(), 4), round(fit_loss.item(), 4))
