# case: the same script whose helper returns the scaled tensor (out of place): the tanh output stays as saved and the backward runs
import torch

device = torch.device("cuda") if torch.cuda.is_available() else torch.device("cpu")


def scaled(t, factor):
    return t * factor


def train():
    w = torch.randn(3, requires_grad=True, device=device)
    y = torch.tanh(w)
    y = scaled(y, 2.0)
    y.sum().backward()


train()
