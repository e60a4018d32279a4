# case: in-place ops on .grad tensors in grad mode (zero_, clamp_ via .data, mul_ for unscaling) and clip_grad_norm_: .grad does not require grad
import torch
import torch.nn as nn

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(3, 4), nn.Sigmoid(), nn.Linear(4, 1))
opt = torch.optim.SGD(model.parameters(), lr=0.1)
scale = 8.0
for step in range(2):
    for p in model.parameters():
        if p.grad is not None:
            p.grad.zero_()
    (model(torch.randn(5, 3)).sum() * scale).backward()
    for p in model.parameters():
        p.grad.mul_(1.0 / scale)
        p.grad.data.clamp_(-1.0, 1.0)
    torch.nn.utils.clip_grad_norm_(model.parameters(), 0.5)
    torch.nn.utils.clip_grad_value_(model.parameters(), 0.1)
    opt.step()
print("ok")
