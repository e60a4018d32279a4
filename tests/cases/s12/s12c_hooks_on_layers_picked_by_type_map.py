# case: a Fisher-diagonal helper registers a full backward hook on every layer whose exact type is a key of its factory map (`type(mod) in FACTORIES`); conv2's output is then the view BackwardHookFunction returned, and the in-place ReLU on it raises in the forward
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)


class ConvNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 4, 3)
        self.conv2 = nn.Conv2d(4, 5, 3)
        self.fc = nn.Linear(5, 3)

    def forward(self, x):
        x = F.relu(self.conv1(x))
        x = F.relu(self.conv2(x), inplace=True)  # expect: GG004  # raises: RuntimeError: Output 0 of BackwardHookFunction is a view and is being modified inplace
        return self.fc(x.mean(dim=(2, 3)))


def linear_diag(mod, gy):
    return (gy**2).sum()


def conv_diag(mod, gy):
    return (gy**2).sum()


FACTORIES = {nn.Linear: linear_diag, nn.Conv2d: conv_diag}


class FisherDiag:
    def __init__(self, model):
        self.model = model
        self.layers = {name: mod for name, mod in model.named_modules() if type(mod) in FACTORIES}
        self.total = 0.0

    def _hook(self, mod, grad_input, grad_output):
        self.total += float(FACTORIES[type(mod)](mod, grad_output[0]))

    def compute(self, x):
        for mod in self.layers.values():
            mod.register_full_backward_hook(self._hook)
        out = self.model(x)
        out.sum().backward()
        return self.total


model = ConvNet()
print(FisherDiag(model).compute(torch.rand(2, 1, 8, 8)))
