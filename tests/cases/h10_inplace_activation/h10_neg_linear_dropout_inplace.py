# case: Linear -> Dropout(inplace=True) -> Linear: Linear does not save its output
import torch
import torch.nn as nn

torch.manual_seed(0)
mlp = nn.Sequential(nn.Linear(4, 8), nn.Dropout(0.3, inplace=True), nn.Linear(8, 1))
mlp.train()
x = torch.randn(5, 4, requires_grad=True)
mlp(x).pow(2).mean().backward()
print("ok", x.grad.shape)
