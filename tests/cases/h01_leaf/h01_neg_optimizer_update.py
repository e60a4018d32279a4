# case: optimizer-style parameter updates: manual SGD under no_grad, then torch.optim
import torch
import torch.nn as nn

w = torch.randn(3, requires_grad=True)
for _ in range(3):
    loss = (w * w).sum()
    loss.backward()
    with torch.no_grad():
        w -= 0.1 * w.grad
        w.grad.zero_()

model = nn.Linear(3, 1)
opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
for _ in range(3):
    opt.zero_grad()
    model(torch.randn(4, 3)).pow(2).mean().backward()
    opt.step()
print(w, model.weight)
