# case: Dive-into-DL-PyTorch 2.3 autograd cell as modified in the thread: `y = 2 * x * x`, then `x.data *= 100` ("only changes the value, not recorded in the graph"), then y.backward(); the mul saved x, the .data write bypasses the version counter, and x.grad silently comes out as 202 (neither 4 nor 400)
# source: https://github.com/ShusenTang/Dive-into-DL-PyTorch/issues/12
import torch

x = torch.ones(1, requires_grad=True)

print(x.data)  # still a tensor
print(x.data.requires_grad)  # but outside the computation graph

y = 2 * x * x
x.data *= 100  # expect: GG008

y.backward()
print(x)  # changing .data also changes x
print(x.grad)  # tensor([202.]): dy/dx was computed from the overwritten x
