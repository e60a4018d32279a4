import torch.nn as nn
import torch.nn.functional as F


class MLP(nn.Module):
    def __init__(self, num_layers, input_dim, hidden_dim, output_dim):
        super().__init__()
        dims = [input_dim] + [hidden_dim] * (num_layers - 1) + [output_dim]
        self.linears = nn.ModuleList(nn.Linear(a, b) for a, b in zip(dims[:-1], dims[1:]))

    def forward(self, x):
        for layer in self.linears[:-1]:
            x = F.relu(layer(x))
        return self.linears[-1](x)


class MLPActor(MLP):
    def forward(self, x):
        for layer in self.linears[:-1]:
            x = layer(x).tanh()
        return self.linears[-1](x)
