# case: a module attribute built over several lines with `inplace=True` applied after a sigmoid in forward
import torch
import torch.nn as nn


class Head(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 4)
        self.act = nn.Hardtanh(
            -1.0,
            1.0,
            inplace=True,  # save memory
        )

    def forward(self, x):
        return self.act(torch.sigmoid(self.fc(x)))  # expect: GG002  # saver


head = Head()
head(torch.randn(2, 4)).sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
print(head.fc.weight.grad.shape)
