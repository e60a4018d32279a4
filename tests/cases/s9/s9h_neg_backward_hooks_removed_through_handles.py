# case: a Grad-CAM-style probe registers full backward hooks on the conv layers, keeps the handles in a list, runs one probing pass, and removes every hook (`for h in self.handles: h.remove()`); training afterwards with the `ReLU(inplace=True)` after the conv runs cleanly, as nothing wraps the conv's output any more
import torch
from torch import nn


class GradProbe:
    def __init__(self, model):
        self.grads = []
        self.handles = []
        for m in model.modules():
            if isinstance(m, nn.Conv2d):
                self.handles.append(m.register_full_backward_hook(self._keep))

    def _keep(self, module, grad_input, grad_output):
        self.grads.append(grad_output[0].detach())

    def close(self):
        for h in self.handles:
            h.remove()


torch.manual_seed(0)
model = nn.Sequential(nn.Conv2d(1, 2, 3), nn.ReLU(inplace=True), nn.Flatten(), nn.Linear(18, 3))
probe = GradProbe(model)
probe.close()
opt = torch.optim.SGD(model.parameters(), lr=0.1)
for _ in range(2):
    loss = model(torch.rand(2, 1, 5, 5)).pow(2).mean()
    opt.zero_grad()
    loss.backward()
    opt.step()
print(len(probe.grads))
