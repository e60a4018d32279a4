# case: a boolean-mask write (`p[p < 0.1] = 0.0`) into a sigmoid's output inside a function; sigmoid saved it
import torch


def sparsify(logits):
    p = torch.sigmoid(logits)  # saver
    p[p < 0.1] = 0.0  # expect: GG002
    return p


logits = torch.randn(6, requires_grad=True)
sparsify(logits).sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
print(logits.grad)
