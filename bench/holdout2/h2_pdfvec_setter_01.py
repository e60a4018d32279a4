# case: a property setter assigns into an element of a parameter vector (`self.param.pdfvec[self.key] = value`); pdfvec is a leaf that requires grad, so the plain-looking assignment is an in-place op on a view of a leaf
# source: https://openillumi.com/en/en-pytorch-autograd-view-leaf-error-fix
import torch


class PdfParam:
    def __init__(self, n):
        self.pdfvec = torch.full((n,), 1.0 / n, requires_grad=True)


class PdfEntry:
    def __init__(self, param, key):
        self.param = param
        self.key = key

    @property
    def value(self):
        return self.param.pdfvec[self.key]

    @value.setter
    def value(self, value):
        self.param.pdfvec[self.key] = value  # expect: GG001  # raises: RuntimeError: a view of a leaf Variable that requires grad is being used in an in-place operation


param = PdfParam(4)
entries = [PdfEntry(param, k) for k in range(4)]
loss = -(torch.log(param.pdfvec) * torch.tensor([0.1, 0.2, 0.3, 0.4])).sum()
loss.backward()
entries[2].value = 0.5
