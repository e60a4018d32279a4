# case: a validation function decorated by a factory returning `(torch.inference_mode if new_torch else torch.no_grad)()(fn)` casts the live model with `half()` and back with `float()`: under inference mode the parameters' data become inference tensors, so the next training step's second linear layer cannot save its weight for backward
import torch
import torch.nn as nn


def smart_inference_mode(new_torch=True):
    def decorate(fn):
        return (torch.inference_mode if new_torch else torch.no_grad)()(fn)

    return decorate


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(4, 8)
        self.fc2 = nn.Linear(8, 1)

    def forward(self, x):
        return self.fc2(torch.tanh(self.fc1(x)))  # expect: GG006  # raises: RuntimeError: Inference tensors cannot be saved for backward


@smart_inference_mode()
def validate(model, data):
    model.half()
    model.eval()
    score = model(data.half()).float().mean()
    model.float()
    return score


torch.manual_seed(0)
model = Net()
opt = torch.optim.SGD(model.parameters(), lr=0.1)
x = torch.randn(3, 4)
for epoch in range(2):
    model.train()
    loss = model(x).pow(2).mean()
    opt.zero_grad()
    loss.backward()
    opt.step()
    print(float(validate(model, x)))
