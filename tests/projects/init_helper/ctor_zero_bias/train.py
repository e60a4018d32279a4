# case: a layer's __init__ calls init_utils.zero_bias_(self.proj), which zero_()s the bias Parameter in grad mode
import torch

from layers import Projection

torch.manual_seed(0)
layer = Projection(4, 4)
print(layer(torch.randn(1, 4)))
