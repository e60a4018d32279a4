# case: rescaling a layer's input done by a forward pre-hook that returns the new inputs: the Linear computes with them and nothing saved is modified
import torch
import torch.nn as nn

torch.manual_seed(0)


def rescale_input(module, inputs):
    inputs = (inputs[0].mul(0.5), *inputs[1:])
    return inputs


model = nn.Sequential(nn.Linear(4, 8), nn.Tanh(), nn.Linear(8, 2))
handle = model[2].register_forward_pre_hook(rescale_input)
out = model(torch.randn(3, 4))
loss = out.pow(2).sum()
print("loss", loss.item())
loss.backward()
handle.remove()
