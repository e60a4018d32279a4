# case: the script picks its device with a conditional expression at module level, then defines the helpers its training function calls; the helper scales the tanh output in place, which tanh saved for backward (the helpers must be found although a module-level branch came before them)
import torch

device = torch.device("cuda") if torch.cuda.is_available() else torch.device("cpu")


def scale_(t, factor):
    t.mul_(factor)  # expect: GG002


def train():
    w = torch.randn(3, requires_grad=True, device=device)
    y = torch.tanh(w)  # saver
    scale_(y, 2.0)
    y.sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation


train()
