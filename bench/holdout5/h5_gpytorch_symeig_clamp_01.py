# source: https://github.com/cornellius-gp/gpytorch/pull/1203
# case: gpytorch `_symeig` chops negative eigenvalues with `evals.clamp_min_(0.0)` on the eigenvalue output the eigendecomposition saved for its backward (torch.symeig is gone, torch.linalg.eigh stands in)
import torch


class LazyTensor:
    def __init__(self, tensor):
        self.tensor = tensor

    def evaluate(self):
        return self.tensor

    def _symeig(self, eigenvectors=False):
        evals, evecs = torch.linalg.eigh(self.evaluate())
        # chop any negative eigenvalues
        evals.clamp_min_(0.0)  # expect: GG002
        return evals, evecs if eigenvectors else None

    def sqrt_inv_matmul(self, rhs):
        evals, evecs = self._symeig(eigenvectors=True)
        return evecs @ ((evecs.transpose(-1, -2) @ rhs) / (evals.unsqueeze(-1) + 1e-3).sqrt())


raw = torch.randn(4, 4, requires_grad=True)
covar = LazyTensor(raw @ raw.transpose(-1, -2) + 1e-2 * torch.eye(4))
rhs = torch.randn(4, 2)
res = covar.sqrt_inv_matmul(rhs)
res.sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
print(raw.grad)
