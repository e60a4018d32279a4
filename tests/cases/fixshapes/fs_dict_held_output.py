# case: a model returns a dict; the caller squashes the logits in place (`out["prob"].mul_(2)`) after the sigmoid that saved them
import torch
import torch.nn as nn


class Head(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 1)

    def forward(self, x):
        return {"prob": torch.sigmoid(self.fc(x))}  # saver


head = Head()
out = head(torch.randn(3, 4))
out["prob"].mul_(2)  # expect: GG002
out["prob"].sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
print(head.fc.weight.grad.shape)
