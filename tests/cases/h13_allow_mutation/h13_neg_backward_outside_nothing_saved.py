# case: backward outside the context is fine when the graph recorded inside saved nothing (x * 2 + 1, a sum)
import torch

x = torch.randn(3, requires_grad=True)
with torch.autograd.graph.allow_mutation_on_saved_tensors():
    y = x * 2 + 1
    total = y.sum()
total.backward()
print("ok", x.grad)
