# case: the batch buffer saved by mm is refilled with out= only after backward: nothing saved is overwritten
import torch

torch.manual_seed(0)
data = torch.randn(20, 3)
W = torch.randn(3, 2, requires_grad=True)
batch = torch.empty(4, 3)
for step in range(3):
    torch.index_select(data, 0, torch.arange(4) + 4 * step, out=batch)
    loss = (batch @ W).pow(2).mean()
    loss.backward()
    with torch.no_grad():
        W -= 0.1 * W.grad
    W.grad = None
print("ok", loss.item())
