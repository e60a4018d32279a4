# source: https://github.com/pytorch/pytorch/issues/55368
# case: the contrast: the same two-optimizer loop with a plain (not spectral-normalized) linear head on inputs that do not require grad; the linear layer's backward needs only the input for its weight gradient, so the step between the two backwards changes nothing that was saved and both losses train the head
import torch
import torch.nn as nn

torch.manual_seed(0)


class Head(nn.Module):
    def __init__(self, in_dim=2, out_dim=5):
        super().__init__()
        self.proj = nn.Linear(in_dim, out_dim)

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
    opt_sparse.step()

    opt_fit.zero_grad()
    fit_loss.backward()
    opt_fit.step()
    print(step, round(sparse_loss.item(), 4), round(fit_loss.item(), 4))
