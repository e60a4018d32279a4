# case: `torch.pow(r, 2.0)` with a number exponent keeps only its base, not its result; overwriting an entry of the result in place leaves the backward working
import torch

r = torch.tensor([2.0, 3.0, 4.0], dtype=torch.float64, requires_grad=True)
r_sq = torch.pow(r, 2.0)
r_sq[1] = torch.log(r[1])
r_sq.sum().backward()
