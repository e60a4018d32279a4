# case: the ActNorm of s10b_neg with its first batch run with grad mode on: the first call copies the batch statistics into the parameters, leaves that require grad, in place, and torch raises at the copy
import torch
import torch.nn as nn


class ActNorm(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.bias = nn.Parameter(torch.zeros(1, channels))
        self.logs = nn.Parameter(torch.zeros(1, channels))
        self.register_buffer("initialized", torch.tensor(0, dtype=torch.uint8))

    def initialize(self, x):
        self.bias.copy_(-x.mean(0, keepdim=True))  # expect: GG001  # raises: RuntimeError: a leaf Variable that requires grad is being used in an in-place operation
        self.logs.copy_(-torch.log(x.std(0, keepdim=True) + 1e-6))  # expect: GG001

    def forward(self, x):
        if self.initialized.item() == 0:
            self.initialize(x)
            self.initialized.fill_(1)
        return (x + self.bias) * torch.exp(self.logs)


torch.manual_seed(0)
layer = ActNorm(4)
head = nn.Linear(4, 1)
opt = torch.optim.SGD([*layer.parameters(), *head.parameters()], lr=0.1)
if True:
    layer(torch.randn(16, 4))
for step in range(3):
    loss = head(layer(torch.randn(8, 4))).pow(2).mean()
    opt.zero_grad()
    loss.backward()
    opt.step()
print(round(loss.item(), 4))
