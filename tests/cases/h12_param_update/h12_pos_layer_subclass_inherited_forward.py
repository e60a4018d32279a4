# case: a Linear subclass only changes how the weight starts (its own `__init__`, no forward), so calling it runs nn.Linear's forward, which saves its weight for the input's gradient; the optimizer steps (the parameters already have gradients) before the backward
import torch
import torch.nn as nn


class ZeroBiasLinear(nn.Linear):
    def __init__(self, n_in, n_out):
        super().__init__(n_in, n_out)
        with torch.no_grad():
            self.bias.zero_()


layer = ZeroBiasLinear(3, 2)
optimizer = torch.optim.SGD(layer.parameters(), lr=0.1)
x = torch.randn(5, 3, requires_grad=True)
layer(x).sum().backward()  # the parameters have gradients: a step changes them
loss = layer(x).pow(2).sum()  # saver
optimizer.step()  # expect: GG002
loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
