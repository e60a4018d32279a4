# case: a data-dependent init layer (Glow's ActNorm style) keeps an `initialized` flag buffer (`torch.tensor(0)`); its first call copies batch statistics into its parameters and sets the flag with `fill_(1)`; the script runs that first batch under `torch.no_grad()`, so the copies happen with grad mode off and later calls skip the branch: training runs; warnings (a caller with grad on in the first call would fail), never an error
import torch
import torch.nn as nn


class ActNorm(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.bias = nn.Parameter(torch.zeros(1, channels))
        self.logs = nn.Parameter(torch.zeros(1, channels))
        self.register_buffer("initialized", torch.tensor(0, dtype=torch.uint8))

    def initialize(self, x):
        self.bias.copy_(-x.mean(0, keepdim=True))  # expect: GG001
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
with torch.no_grad():
    layer(torch.randn(16, 4))
for step in range(3):
    loss = head(layer(torch.randn(8, 4))).pow(2).mean()
    opt.zero_grad()
    loss.backward()
    opt.step()
print(round(loss.item(), 4))
