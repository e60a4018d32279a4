# case: the state handed to a GRUCell is rectified in place after the call (`new = gru(h, out); out.relu_()`); the cell kept that state for its backward
import torch
import torch.nn.functional as F
from torch import nn

torch.manual_seed(0)
conv = nn.Linear(8, 4)
gru = nn.GRUCell(4, 4)
x = torch.randn(5, 4)
out = conv(torch.cat([x.mean(0, keepdim=True), x.mean(0, keepdim=True)], dim=-1))
for _ in range(2):
    h = F.elu(conv(torch.cat([x.mean(0, keepdim=True), out], dim=-1)))
    new = gru(h, out)  # saver
    out.relu_()  # expect: GG002
    out = new
out.sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
