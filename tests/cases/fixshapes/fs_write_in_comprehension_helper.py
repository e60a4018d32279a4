# case: a helper that writes in place is called inside a list comprehension over the outputs of softmax
import torch


def sharpen(p):
    p.pow_(2)  # expect: GG002
    return p


logits = torch.randn(3, 5, requires_grad=True)
probs = [torch.softmax(row, -1) for row in logits]  # saver
out = torch.stack([sharpen(p) for p in probs])
out.sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
print(logits.grad)
