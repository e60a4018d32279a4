# case: a classifier head nn.Sequential(Linear, Sigmoid, ReLU(inplace=True)) trained with an optimizer
import torch
import torch.nn as nn

torch.manual_seed(0)
head = nn.Sequential(
    nn.Linear(4, 3),
    nn.Sigmoid(),  # saver
    nn.ReLU(inplace=True),  # expect: GG002
)
opt = torch.optim.SGD(head.parameters(), lr=0.1)
x, t = torch.randn(8, 4), torch.randn(8, 3)
loss = (head(x) - t).pow(2).mean()
opt.zero_grad()
loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
opt.step()
