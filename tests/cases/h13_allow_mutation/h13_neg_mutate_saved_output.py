# case: inside allow_mutation_on_saved_tensors(), mutating a saved sigmoid output is legal and the gradient uses the original value (H13a)
import torch

x = torch.tensor([0.5, -1.0, 2.0], requires_grad=True)
with torch.autograd.graph.allow_mutation_on_saved_tensors():
    y = torch.sigmoid(x)
    ref = (y * (1 - y)).detach().clone()
    y.mul_(2)
    y.sum().backward()
print("grad matches the original sigmoid':", torch.allclose(x.grad, 2 * ref))
