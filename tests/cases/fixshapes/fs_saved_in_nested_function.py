# case: a nested function writes in place into the output of a softmax of its enclosing function
import torch


def attend(q):
    def sharpen(p):
        p.pow_(2)  # sharpen  # expect: GG002
        return p

    probs = torch.softmax(q, dim=-1)  # saver
    return sharpen(probs)


q = torch.randn(2, 5, requires_grad=True)
attend(q).sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
print(q.grad)
