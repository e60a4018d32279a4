# case: the model runs four calls deep in a trainer (`main` -> `Trainer.fit` -> `Trainer.step` -> `Trainer.embed` -> the model), and its forward calls a block whose forward applies an in-place ReLU to a sigmoid's output (which sigmoid saved for backward)
import torch
import torch.nn as nn


class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 4)
        self.act = nn.ReLU(inplace=True)

    def forward(self, x):
        h = torch.sigmoid(self.fc(x))  # saver
        return self.act(h)  # expect: GG002


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
        loss.backward()  # raises: RuntimeError: modified by an inplace operation

    def fit(self, x):
        self.step(x)


def main():
    torch.manual_seed(0)
    Trainer(Model()).fit(torch.randn(2, 4))


main()
