# case: a forward hook halves the Tanh's result in place; Tanh saved that result for its backward, so the backward through it finds it modified
import torch
import torch.nn as nn

torch.manual_seed(0)


def halve_output(module, inputs, output):
    output.mul_(0.5)  # expect: GG002


model = nn.Sequential(nn.Linear(4, 8), nn.Tanh(), nn.Linear(8, 2))
handle = model[1].register_forward_hook(halve_output)
out = model(torch.randn(3, 4))  # saver
loss = out.pow(2).sum()
print("loss", loss.item())
loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
handle.remove()
