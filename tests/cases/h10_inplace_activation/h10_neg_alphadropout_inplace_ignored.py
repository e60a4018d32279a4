# case: nn.AlphaDropout(inplace=True) after a sigmoid runs: AlphaDropout.forward never passes `inplace` on (torch 2.13)
import torch
import torch.nn as nn

torch.manual_seed(0)
x = torch.randn(4, 3, requires_grad=True)
m = nn.Sequential(nn.Sigmoid(), nn.AlphaDropout(0.5, inplace=True))
m.train()
m(x).sum().backward()
print("ok", x.grad.shape)
