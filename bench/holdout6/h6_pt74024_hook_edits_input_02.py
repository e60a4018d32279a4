# source: https://github.com/pytorch/pytorch/issues/74024
# case: the wording the thread settled on: the hook modifies the module's result by returning a new value (`return output * 0.5`), leaving the saved input alone
import torch
import torch.nn as nn

torch.manual_seed(0)


def output_rescale_hook(module, inputs, output):
    return output * 0.5


model = nn.Sequential(nn.Linear(4, 8), nn.Tanh(), nn.Linear(8, 2))
handle = model[2].register_forward_hook(output_rescale_hook)
out = model(torch.randn(3, 4))
loss = out.pow(2).sum()
loss.backward()
handle.remove()
