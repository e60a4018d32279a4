# case: an encoder output (ending in ReLU) is the memory a `nn.MultiheadAttention` reads, passed by keyword (`attn(query=q, key=memory, value=memory)`); the memory is then rescaled in place with `*=`, which bumps the version of the ReLU output that ReLU saved, before the loss through the attention is backpropagated
import torch
import torch.nn as nn

torch.manual_seed(0)

encoder = nn.Sequential(nn.Linear(6, 8), nn.ReLU())
attn = nn.MultiheadAttention(8, 2)
q = torch.randn(3, 2, 8)
memory = encoder(torch.randn(5, 2, 6))  # saver
out = attn(query=q, key=memory, value=memory)[0]
memory *= 0.5  # expect: GG002
out.sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
