# case: torch.nn.init.*_ on parameters runs under no_grad internally
import torch
import torch.nn as nn

w = torch.empty(4, 3, requires_grad=True)
nn.init.normal_(w, std=0.02)
nn.init.kaiming_uniform_(w)
nn.init.trunc_normal_(w, std=0.02)
(w * w).sum().backward()
print(w.is_leaf, w.grad.shape)
