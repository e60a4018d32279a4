# case: the same hook returning the halved result instead (a forward hook's return value replaces the module's output): the rest of the model gets the same values and the Tanh's saved result is untouched
import torch
import torch.nn as nn

torch.manual_seed(0)


def halve_output(module, inputs, output):
    output = output.mul(0.5)
    return output


model = nn.Sequential(nn.Linear(4, 8), nn.Tanh(), nn.Linear(8, 2))
handle = model[1].register_forward_hook(halve_output)
out = model(torch.randn(3, 4))
loss = out.pow(2).sum()
print("loss", loss.item())
loss.backward()
handle.remove()
