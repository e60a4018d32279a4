# case: per-session readouts kept in a user subclass of nn.ModuleDict (added with add_module); after each optimizer step the training loop clamps every readout's parameter through `.values()` in place with grad mode on, an in-place write to a leaf that requires grad
import torch
import torch.nn as nn

torch.manual_seed(0)


class Readout(nn.Module):
    def __init__(self, n):
        super().__init__()
        self.gain = nn.Parameter(torch.ones(n))

    def forward(self, x):
        return x[:, : self.gain.shape[0]] * self.gain


class MultiReadout(nn.ModuleDict):
    def __init__(self, sizes):
        super().__init__()
        for key, n in sizes.items():
            self.add_module(key, Readout(n))

    def forward(self, x, key):
        return self[key](x)


readouts = MultiReadout({"a": 3, "b": 4})
optimizer = torch.optim.SGD(readouts.parameters(), lr=0.1)
for key in ("a", "b"):
    loss = readouts(torch.randn(2, 5), key).pow(2).mean()
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    for readout in readouts.values():
        readout.gain.clamp_(min=0.0)  # expect: GG001  # raises: RuntimeError: a leaf Variable that requires grad is being used in an in-place operation
