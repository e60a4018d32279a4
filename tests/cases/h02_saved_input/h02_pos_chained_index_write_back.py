# case: a layer is applied per (batch, time) slice and its result written back into the same tensor (`T[b][t] = conv(T[b][t])`, the STGCN pattern): the layer saved its input slice, a view of T, which the next write changes; T picks up the graph through the chain of indexes
import torch
import torch.nn as nn

lin = nn.Linear(4, 4)
T = torch.randn(2, 3, 4)
for b in range(2):
    for t in range(3):
        T[b][t] = lin(T[b][t])  # expect: GG002  # saver
T.sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
