# case: forward of an nn.Module shifts a tanh output through `.data +=`: tanh's backward uses the shifted value
import torch
import torch.nn as nn


class Shifted(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 4)

    def forward(self, x):
        h = torch.tanh(self.fc(x))
        h.data += 1.0  # expect: GG008
        return h


torch.manual_seed(0)
net = Shifted()
x = torch.randn(2, 4)
net(x).sum().backward()
print("fc.bias.grad (silently wrong: tanh' computed from h + 1)", net.fc.bias.grad)
