# case: a generator whose layers are collected in `modules = list()` (appended to, some only when an option is on) and wrapped in nn.Sequential(*modules); with the gate option on, an in-place LeakyReLU follows a Sigmoid and overwrites the output the Sigmoid saved
import torch
import torch.nn as nn

torch.manual_seed(0)


class Generator(nn.Module):
    def __init__(self, in_dim, out_dim, gate=True):
        super().__init__()
        modules = list()
        modules.append(nn.Linear(in_dim, out_dim))
        if gate:
            modules.append(nn.Sigmoid())  # saver
        modules.append(nn.LeakyReLU(0.2, inplace=True))  # expect: GG002
        self.gen = nn.Sequential(*modules)

    def forward(self, x):
        return self.gen(x)


gen = Generator(4, 3)
gen(torch.randn(2, 4)).sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
