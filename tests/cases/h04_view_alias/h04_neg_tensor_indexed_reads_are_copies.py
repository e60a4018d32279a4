# case: a dynamic-programming fill (kornia's needleman_wunsch): `dp[:, i - 1, j]` with tensor indices is advanced indexing, a copy, so writing `dp[:, i, j]` leaves what torch.max kept untouched
import torch

torch.manual_seed(0)
scores = torch.rand(2, 3, 4, requires_grad=True)
b, n, m = scores.shape
dp = torch.zeros(b, n + 1, m + 1)
s = scores - 0.1
for k in range(2, n + m + 1):
    i = torch.arange(max(1, k - m), min(n, k - 1) + 1)
    j = k - i
    up = dp[:, i - 1, j]
    left = dp[:, i, j - 1]
    diag = dp[:, i - 1, j - 1] + s[:, i - 1, j - 1]
    dp[:, i, j] = torch.max(torch.max(up, left), diag)
dp[:, -1, -1].sum().backward()
