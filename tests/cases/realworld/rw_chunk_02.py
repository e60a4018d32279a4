# case: flow coupling step: u, v = flow.chunk(2, dim=1) then u *= u_scale (the matching v *= v_scale line is dropped); was a deprecation warning, now an error
# source: https://github.com/pytorch/pytorch/issues/46820
import torch
import torch.nn as nn

net = nn.Conv2d(2, 4, 3, padding=1)
x = torch.randn(3, 2, 5, 5)
u_scale = torch.rand(3, 2, 5, 5) + 0.5

flow = net(x)
u, v = flow.chunk(2, dim=1)
u *= u_scale  # expect: GG003  # raises: RuntimeError: This view is the output of a function that returns multiple views
