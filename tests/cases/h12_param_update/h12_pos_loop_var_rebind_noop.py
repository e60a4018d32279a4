# case: `p = p - lr * p.grad` inside `for p in model.parameters()` only rebinds the loop variable: the model never changes
import torch
import torch.nn as nn

torch.manual_seed(0)
model = nn.Linear(3, 1)
before = model.weight.detach().clone()
x, y = torch.randn(8, 3), torch.randn(8, 1)
for epoch in range(2):
    model.zero_grad()
    nn.functional.mse_loss(model(x), y).backward()
    for p in model.parameters():
        p = p - 0.1 * p.grad  # expect: GG009
print("weights unchanged after training:", torch.equal(before, model.weight))
