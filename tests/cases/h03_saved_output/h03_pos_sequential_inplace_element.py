# case: nn.ReLU(inplace=True) placed right after nn.Sigmoid() inside nn.Sequential
import torch
import torch.nn as nn

model = nn.Sequential(
    nn.Linear(3, 4),
    nn.Sigmoid(),  # saver
    nn.ReLU(inplace=True),  # expect: GG002
    nn.Linear(4, 1),
)
model(torch.randn(2, 3)).sum().backward()  # raises: RuntimeError: modified by an inplace operation
