# case: an init routine draws every parameter of a stack of layers (built by a comprehension, so the analysis holds the parameters joined) from a uniform distribution in place, without torch.no_grad(): each is a leaf that requires grad
import torch.nn as nn


class Stack(nn.Module):
    def __init__(self, dim, depth):
        super().__init__()
        self.layers = nn.Sequential(*[nn.Linear(dim, dim) for _ in range(depth)])
        self.reset_parameters()

    def reset_parameters(self):
        for p in self.parameters():
            p.uniform_(-0.1, 0.1)  # expect: GG001  # raises: RuntimeError: a leaf Variable that requires grad is being used in an in-place operation


model = Stack(4, 3)
