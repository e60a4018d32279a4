# case: clean twin: the same trainer chain four calls deep and nested forwards; the block's ReLU is not in place, so the sigmoid output stays as saved
import torch
import torch.nn as nn


class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 4)
        self.act = nn.ReLU()

    def forward(self, x):
        h = torch.sigmoid(self.fc(x))
        return self.act(h)


class Model(nn.Module):
    def __init__(self):
        super().__init__()
        self.block = Block()

    def forward(self, x):
        return self.block(x).sum()


class Trainer:
    def __init__(self, model):
        self.model = model

    def embed(self, x):
        return self.model(x)

    def step(self, x):
        loss = self.embed(x)
        loss.backward()

    def fit(self, x):
        self.step(x)


def main():
    torch.manual_seed(0)
    Trainer(Model()).fit(torch.randn(2, 4))


main()
