# case: allow_mutation_on_saved_tensors() used as a decorator on a training step that does forward, mutation and backward
import torch
import torch.nn as nn


@torch.autograd.graph.allow_mutation_on_saved_tensors()
def train_step(model, x):
    h = torch.tanh(model(x))
    h.clamp_(min=0.0)
    loss = h.pow(2).mean()
    loss.backward()
    return loss


torch.manual_seed(0)
model = nn.Linear(3, 4)
print("ok", train_step(model, torch.randn(2, 3)).item())
