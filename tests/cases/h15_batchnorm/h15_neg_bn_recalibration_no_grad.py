# case: precise-BN recalibration after training: reset stats, momentum=None, forward passes under no_grad, no backward involved
import torch
import torch.nn as nn

torch.manual_seed(0)
model = nn.Sequential(nn.Conv2d(3, 4, 3), nn.BatchNorm2d(4), nn.ReLU(inplace=True))
opt = torch.optim.SGD(model.parameters(), lr=0.1)
opt.zero_grad()
model(torch.randn(2, 3, 6, 6)).mean().backward()
opt.step()

bn = model[1]
bn.reset_running_stats()
bn.momentum = None
with torch.no_grad():
    for _ in range(3):
        model(torch.randn(2, 3, 6, 6))
bn.running_var.clamp_(min=1e-5)
print("ok", bn.num_batches_tracked.item())
