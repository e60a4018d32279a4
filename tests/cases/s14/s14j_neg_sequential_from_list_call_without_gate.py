# case: look-alike: the same generator built from `modules = list()` with the gate option off: the in-place LeakyReLU follows the Linear layer, which does not need its output for backward (the class analysed on its own, with the option unknown, still gets a warning at the LeakyReLU)
import torch
import torch.nn as nn

torch.manual_seed(0)


class Generator(nn.Module):
    def __init__(self, in_dim, out_dim, gate=True):
        super().__init__()
        modules = list()
        modules.append(nn.Linear(in_dim, out_dim))
        if gate:
            modules.append(nn.Sigmoid())
        modules.append(nn.LeakyReLU(0.2, inplace=True))  # expect: GG002
        self.gen = nn.Sequential(*modules)

    def forward(self, x):
        return self.gen(x)


gen = Generator(4, 3, gate=False)
gen(torch.randn(2, 4)).sum().backward()
