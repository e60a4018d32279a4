# case: init_utils.zero_bias_ wraps the bias zero_() in torch.no_grad()
import torch

from layers import Projection

torch.manual_seed(0)
layer = Projection(4, 4)
print(layer(torch.randn(1, 4)))
