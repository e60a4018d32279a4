# case: the original Dive-into-DL-PyTorch 2.3 autograd cell: `y = 2 * x`, then `x.data *= 100`, then y.backward(); multiplying by a Python scalar saves nothing, so the .data write cannot affect the gradient (x.grad is 2); runs cleanly and correctly
# source: https://github.com/ShusenTang/Dive-into-DL-PyTorch/issues/12
import torch

x = torch.ones(1, requires_grad=True)

print(x.data)  # still a tensor
print(x.data.requires_grad)  # but outside the computation graph

y = 2 * x
x.data *= 100  # only changes the value, not recorded in the graph

y.backward()
print(x)  # changing .data also changes x
print(x.grad)  # tensor([2.])
