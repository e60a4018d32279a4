# case: a helper makes a tensor like a reference from a list or a tensor (`isinstance(data, torch.Tensor)` picks the branch); the tensor it builds from a list is scaled in place before `w * k` saves it, so the backward runs
import torch


def tensor_like(data, ref):
    if isinstance(data, torch.Tensor):
        return data.clone().detach().to(ref.dtype)
    return torch.tensor(data, dtype=ref.dtype)


w = torch.rand(3, requires_grad=True)
k = tensor_like([1.0, 2.0, 3.0], w)
k.mul_(2)
out = w * k
out.sum().backward()
