# source: https://github.com/pytorch/pytorch/issues/74024
# case: a forward hook takes the old docstring at its word ("it can modify the input inplace") and rescales the Linear layer's input in place after forward; the Linear saved that input for its weight gradient
import torch
import torch.nn as nn

torch.manual_seed(0)


def input_rescale_hook(module, inputs, output):
    inputs[0].mul_(0.5)  # expect: GG002


model = nn.Sequential(nn.Linear(4, 8), nn.Tanh(), nn.Linear(8, 2))
handle = model[2].register_forward_hook(input_rescale_hook)
out = model(torch.randn(3, 4))
loss = out.pow(2).sum()
loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
handle.remove()
