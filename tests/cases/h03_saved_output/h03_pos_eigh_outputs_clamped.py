# case: `evals, evecs = torch.linalg.eigh(a)` returns two tensors from one backward node, which keeps both; clamping the eigenvalues in place (gpytorch's chop of negative eigenvalues) breaks the backward
import torch

torch.manual_seed(0)
raw = torch.randn(4, 4, requires_grad=True)
covar = raw @ raw.T + 1e-2 * torch.eye(4)
evals, evecs = torch.linalg.eigh(covar)  # saver
evals.clamp_min_(0.0)  # expect: GG002
res = evecs @ torch.diag(evals.sqrt()) @ evecs.T
res.sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
