# case: the clean twin: the loss and its backward run inside the allow_mutation_on_saved_tensors() block that recorded the graph
import torch

torch.manual_seed(0)
w = torch.randn(3, requires_grad=True)
with torch.autograd.graph.allow_mutation_on_saved_tensors():
    y = torch.sigmoid(w)
    y.mul_(2)
    loss = (y * torch.arange(3.0)).sum()
    loss.backward()
print(w.grad)
