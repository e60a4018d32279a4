# case: a model kept in an attribute dict built from keywords (`Config(**parts)`); the head's sigmoid output is shifted out of place (`prob = prob + 0.1`), so what sigmoid saved is untouched
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
        return torch.sigmoid(self.fc(x))


parts = {"encoder": nn.Linear(3, 4), "head": Head()}
model = Config(**parts)
x = torch.randn(5, 3)
prob = model.head(model.encoder(x))
prob = prob + 0.1
prob.sum().backward()
