# case: `torch.pow(r, powers)` with a tensor of exponents keeps its result for backward even when only the base requires grad (the tensor-exponent overload); one entry of that result is then overwritten in place
import torch

r = torch.tensor(2.0, dtype=torch.float64, requires_grad=True)
powers = torch.tensor([-2.0, -1.0, 0.0, 1.0], dtype=torch.float64)
r_pow = torch.pow(r, powers)  # saver
r_pow[2] = torch.log(r)  # expect: GG002
r_pow.sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
