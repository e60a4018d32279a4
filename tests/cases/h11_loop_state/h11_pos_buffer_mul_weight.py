# case: geometric recurrence out[t] = out[t-1] * w in a buffer: MulBackward saved the view out[t-1] for w's gradient
import torch


def decay_profile(w, steps):
    out = torch.zeros(steps, 3)
    out[0] = 1.0
    for t in range(1, steps):
        out[t] = out[t - 1] * w  # expect: GG002 # saver
    return out


w = torch.rand(3, requires_grad=True)
decay_profile(w, 4).sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
