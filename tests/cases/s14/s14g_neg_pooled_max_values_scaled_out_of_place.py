# case: look-alike: the same per-graph max pooling through `.values`, with the scaling written out of place, so the sigmoid output it saved is untouched
import torch

torch.manual_seed(0)

w = torch.randn(4, 3, requires_grad=True)
x = torch.randn(6, 4)
batch = torch.tensor([0, 0, 0, 1, 1, 1])
act = torch.sigmoid(x @ w)
pooled = torch.stack([act[batch == g].max(dim=0).values for g in range(2)])
act = act * 2.0
pooled.sum().backward()
