# case: an encoder output (ending in ReLU) is the memory a `nn.MultiheadAttention` reads by keyword; the memory is rescaled out of place (`memory = memory * 0.5`), so what ReLU saved is untouched
import torch
import torch.nn as nn

torch.manual_seed(0)

encoder = nn.Sequential(nn.Linear(6, 8), nn.ReLU())
attn = nn.MultiheadAttention(8, 2)
q = torch.randn(3, 2, 8)
memory = encoder(torch.randn(5, 2, 6))
out = attn(query=q, key=memory, value=memory)[0]
memory = memory * 0.5
out.sum().backward()
