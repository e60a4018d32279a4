# case: nn.Sequential(Linear, Tanh, LeakyReLU(inplace=True)): LeakyReLU modifies the saved tanh output
import torch
import torch.nn as nn

torch.manual_seed(0)
net = nn.Sequential(nn.Linear(3, 3), nn.Tanh(), nn.LeakyReLU(0.1, inplace=True))  # expect: GG002 # saver
net(torch.randn(2, 3)).sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
