# case: nn.ReLU(inplace=True) applied to mid = torch.mm(input, W): mm saved its inputs, not mid, so the in-place ReLU is fine (the post's finding)
# source: https://xnip.cn/ruanjian/anli/156578.html
import numpy as np
import torch
import torch.nn as nn

np.random.seed(1)
W = np.random.randn(7, 3)
W = torch.Tensor(W)
W.requires_grad = True
m = nn.ReLU(inplace=True)
input = np.random.randn(1, 7)
input = torch.Tensor(input)
mid = torch.mm(input, W)
output = m(mid)
loss = torch.sum(output)
loss.backward()
print(W.grad)
