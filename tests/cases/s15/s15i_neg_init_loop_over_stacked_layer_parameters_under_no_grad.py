# case: the same init routine over the stacked layers' parameters, drawing them in place under torch.no_grad(), where writing a leaf is allowed
import torch
import torch.nn as nn


class Stack(nn.Module):
    def __init__(self, dim, depth):
        super().__init__()
        self.layers = nn.Sequential(*[nn.Linear(dim, dim) for _ in range(depth)])
        self.reset_parameters()

    def reset_parameters(self):
        with torch.no_grad():
            for p in self.parameters():
                p.uniform_(-0.1, 0.1)


model = Stack(4, 3)
