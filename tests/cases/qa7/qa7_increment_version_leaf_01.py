# case: the page's own "common mistake": x used in y = x * 2, then the leaf x itself is modified with x.add_(1)
# source: https://runebook.dev/en/docs/pytorch/generated/torch.autograd.graph.increment_version
import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = x * 2
x.add_(1)  # expect: GG001  # raises: RuntimeError: a leaf Variable that requires grad is being used in an in-place operation
z = y.sum()
z.backward()
