# case: a readout loop rectifies a GRUCell's fresh output in place (`out = gru(h, out).relu_()`, pytorch_geometric's AttentiveFP); the cell kept the state it was given, not the tensor it returns, so the write is harmless
import torch
import torch.nn.functional as F
from torch import nn

torch.manual_seed(0)
conv = nn.Linear(8, 4)
gru = nn.GRUCell(4, 4)
x = torch.randn(5, 4)
out = x.sum(dim=0, keepdim=True).relu_()
for _ in range(2):
    h = F.elu_(conv(torch.cat([x.mean(0, keepdim=True), out], dim=-1)))
    out = gru(h, out).relu_()
out.sum().backward()
