# case: out= with a requires-grad input is fine under torch.no_grad() (evaluation into a preallocated buffer)
import torch
import torch.nn as nn

torch.manual_seed(0)
lin = nn.Linear(3, 2)
x = torch.randn(4, 3)
preds = torch.empty(4, 2)
with torch.no_grad():
    torch.matmul(x, lin.weight.t(), out=preds)
    torch.add(preds, lin.bias, out=preds)
print("ok", preds.shape)
