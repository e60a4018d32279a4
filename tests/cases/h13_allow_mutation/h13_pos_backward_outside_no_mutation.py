# case: even with no mutation at all, a graph that saved tensors inside the context cannot be backpropagated after it
import torch
import torch.nn as nn


def forward_allowing_mutation(model, x):
    with torch.autograd.graph.allow_mutation_on_saved_tensors():
        return model(x)


torch.manual_seed(0)
model = nn.Sequential(nn.Linear(3, 4), nn.Tanh(), nn.Linear(4, 1))
loss = forward_allowing_mutation(model, torch.randn(2, 3)).sum()
loss.backward()  # expect: GG010 # raises: AssertionError: Trying to backward outside of the 'allow_mutation_on_saved_tensors' context
