# case: a leaf write in a decorated method of a class (a staticmethod that rescales a weight in place), called from the module body
import torch


class Scaler:
    @staticmethod
    def rescale(w, s):
        w.mul_(s)  # rescale  # expect: GG001  # raises: RuntimeError: a leaf Variable that requires grad is being used in an in-place operation
        return w


w = torch.ones(3, requires_grad=True)
Scaler.rescale(w, 0.5)
(w ** 2).sum().backward()
print(w.grad)
