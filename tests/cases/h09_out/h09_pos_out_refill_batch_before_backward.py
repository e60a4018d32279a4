# case: training loop prefetches the next batch into the same buffer with out= before backward; mm saved that buffer
import torch

torch.manual_seed(0)
data = torch.randn(20, 3)
W = torch.randn(3, 2, requires_grad=True)
batch = torch.empty(4, 3)
torch.index_select(data, 0, torch.arange(4), out=batch)
for step in range(2):
    loss = (batch @ W).pow(2).mean()  # saver
    nxt = torch.arange(4) + 4 * (step + 1)
    torch.index_select(data, 0, nxt, out=batch)  # expect: GG002
    loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
    with torch.no_grad():
        W -= 0.1 * W.grad
    W.grad = None
