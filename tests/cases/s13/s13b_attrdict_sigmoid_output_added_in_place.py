# case: a model kept in an attribute dict built from keywords (`Config(**parts)`, a `dict` subclass whose `__getattr__` reads its items and whose `__init__` only hands them to the dict); the head's sigmoid output is shifted in place with `+=`, and sigmoid saved that output for backward
import torch
import torch.nn as nn

torch.manual_seed(0)


class Config(dict):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.__dict__ = self

    __getattr__ = dict.__getitem__


class Head(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 2)

    def forward(self, x):
        return torch.sigmoid(self.fc(x))  # saver


parts = {"encoder": nn.Linear(3, 4), "head": Head()}
model = Config(**parts)
x = torch.randn(5, 3)
prob = model.head(model.encoder(x))
prob += 0.1  # expect: GG002
prob.sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
