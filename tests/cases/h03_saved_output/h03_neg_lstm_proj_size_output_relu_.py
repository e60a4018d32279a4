# case: an LSTM with projections (proj_size=3) runs the default kernel, which does not keep its output: rectifying the output in place before the loss is harmless
import torch
import torch.nn as nn

torch.manual_seed(0)
lstm = nn.LSTM(4, 6, proj_size=3)
x = torch.randn(5, 2, 4, requires_grad=True)
out, (h, c) = lstm(x)
torch.relu_(out)
out.sum().backward()
print(x.grad.shape)
