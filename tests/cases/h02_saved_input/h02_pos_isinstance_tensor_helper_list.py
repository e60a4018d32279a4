# case: a helper makes a tensor like a reference from a list or a tensor (`isinstance(data, torch.Tensor)` picks the branch); given a list it builds a new tensor, which `w * k` saves for w's gradient, and that tensor is then scaled in place
import torch


def tensor_like(data, ref):
    if isinstance(data, torch.Tensor):
        return data.clone().detach().to(ref.dtype)
    return torch.tensor(data, dtype=ref.dtype)


w = torch.rand(3, requires_grad=True)
k = tensor_like([1.0, 2.0, 3.0], w)
out = w * k  # saver
k.mul_(2)  # expect: GG002
out.sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
