# case: the handle of a full backward hook on a Linear layer is removed only after the forward, so the hooked call still returned its output through BackwardHookFunction as a view, and the in-place ReLU on it raises in the forward
import torch
import torch.nn.functional as F
from torch import nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 8)
        self.out = nn.Linear(8, 1)

    def forward(self, x):
        return self.out(F.relu(self.fc(x), inplace=True))  # expect: GG004  # raises: RuntimeError: This view was created inside a custom Function


torch.manual_seed(0)
net = Net()
handle = net.fc.register_full_backward_hook(lambda m, gi, go: None)
loss = net(torch.randn(3, 4)).pow(2).mean()
handle.remove()
loss.backward()
