# case: the loss is computed after the allow_mutation_on_saved_tensors() block and backpropagated there; moving both lines into the block makes the backward run inside the context that recorded the graph
import torch

torch.manual_seed(0)
w = torch.randn(3, requires_grad=True)
with torch.autograd.graph.allow_mutation_on_saved_tensors():
    y = torch.sigmoid(w)  # saver
    y.mul_(2)
loss = (y * torch.arange(3.0)).sum()
loss.backward()  # expect: GG010 # raises: AssertionError: Trying to backward outside of the 'allow_mutation_on_saved_tensors' context
print(w.grad)
