# case: model.py and layers.py import each other at module top; layers.Gate calls model.post_scale_ on its sigmoid
import torch

import model

torch.manual_seed(0)
net = model.Net(4)
net(torch.randn(3, 4)).sum().backward()  # raises: RuntimeError: modified by an inplace operation
