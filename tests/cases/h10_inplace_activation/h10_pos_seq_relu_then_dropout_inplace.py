# case: Linear -> ReLU(inplace=True) -> Dropout(inplace=True): dropout overwrites the ReLU output that ReLU saved
import torch
import torch.nn as nn

torch.manual_seed(0)
mlp = nn.Sequential(
    nn.Linear(4, 8),
    nn.ReLU(inplace=True),  # saver
    nn.Dropout(0.5, inplace=True),  # expect: GG002
    nn.Linear(8, 1),
)
mlp.train()
loss = mlp(torch.randn(5, 4)).pow(2).mean()
loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
