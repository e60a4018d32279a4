# case: the result of an out= call is assigned (`y = torch.mul(x, 2, out=buf)`, which returns buf) while x requires grad; without out= both names are bound to the new result
import torch

torch.manual_seed(0)
x = torch.randn(3, requires_grad=True)
buf = torch.empty(3)
y = torch.mul(x, 2, out=buf)  # expect: GG007 # raises: RuntimeError: functions with out=... arguments don't support automatic differentiation
(y * buf).sum().backward()
