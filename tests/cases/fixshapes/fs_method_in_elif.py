# case: an in-place write in an `elif` branch of a function, on a softmax's output
import torch


def post(p, mode):
    if mode == "a":
        p = p * 2
    elif mode == "b":
        p.clamp_(min=0.1)  # expect: GG002
    else:
        pass
    return p


logits = torch.randn(2, 5, requires_grad=True)
probs = torch.softmax(logits, -1)  # saver
post(probs, "b").sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
print(logits.grad)
