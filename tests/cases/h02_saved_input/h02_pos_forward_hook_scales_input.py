# case: a forward hook rescales the last Linear's input in place; the forward has already run, so the only thing the write reaches is the input the Linear (and the Tanh, as its output) saved for backward
import torch
import torch.nn as nn

torch.manual_seed(0)


def rescale_input(module, inputs, output):
    inputs[0].mul_(0.5)  # expect: GG002


model = nn.Sequential(nn.Linear(4, 8), nn.Tanh(), nn.Linear(8, 2))
handle = model[2].register_forward_hook(rescale_input)
out = model(torch.randn(3, 4))  # saver
loss = out.pow(2).sum()
print("loss", loss.item())
loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
handle.remove()
