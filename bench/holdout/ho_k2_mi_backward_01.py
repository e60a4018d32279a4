# case: k2-style custom Function computes px_grad/py_grad in forward, saves them, and scales them in place in backward (`px_grad *= ans_grad`); a second backward through the retained graph (two optimizers) finds the saved grads modified. The _k2 kernels are replaced by a pure-torch logsumexp stand-in.
# source: https://github.com/k2-fsa/k2/pull/1106
from typing import List, Optional, Tuple

import torch
from torch import Tensor


def _mutual_information_forward(px, py):
    B = px.shape[0]
    return torch.logsumexp(px.reshape(B, -1), 1) + torch.logsumexp(py.reshape(B, -1), 1)


def _mutual_information_backward(px, py):
    B = px.shape[0]
    px_grad = torch.softmax(px.reshape(B, -1), 1).reshape(px.shape)
    py_grad = torch.softmax(py.reshape(B, -1), 1).reshape(py.shape)
    return px_grad, py_grad


class MutualInformationRecursionFunction(torch.autograd.Function):
    @staticmethod
    def forward(ctx, px: Tensor, py: Tensor, pxy_grads: List[Optional[Tensor]],
                boundary: Optional[Tensor] = None, return_grad: bool = False) -> Tensor:
        ans = _mutual_information_forward(px, py)
        px_grad, py_grad = None, None
        if return_grad or px.requires_grad or py.requires_grad:
            (px_grad, py_grad) = _mutual_information_backward(px, py)
            ctx.save_for_backward(px_grad, py_grad)  # saver
        pxy_grads[0] = px_grad
        pxy_grads[1] = py_grad
        return ans

    @staticmethod
    def backward(ctx, ans_grad: Tensor) -> Tuple[Tensor, Tensor, None, None, None]:
        (px_grad, py_grad) = ctx.saved_tensors  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
        (B,) = ans_grad.shape
        ans_grad = ans_grad.reshape(B, 1, 1)  # (B, 1, 1)
        px_grad *= ans_grad  # expect: GG002
        py_grad *= ans_grad  # expect: GG002
        return (px_grad, py_grad, None, None, None)


def mutual_information_recursion(px, py, boundary=None, return_grad=False):
    pxy_grads = [None, None]
    scores = MutualInformationRecursionFunction.apply(px, py, pxy_grads, boundary, return_grad)
    px_grad, py_grad = pxy_grads
    return (scores, (px_grad, py_grad)) if return_grad else scores


B, S, T = 2, 8, 16
encoder = torch.nn.Linear(4, T + 1)
decoder = torch.nn.Linear(4, T)
opt_enc = torch.optim.SGD(encoder.parameters(), lr=0.1)
opt_dec = torch.optim.SGD(decoder.parameters(), lr=0.1)
px = encoder(torch.randn(B, S, 4))
py = decoder(torch.randn(B, S + 1, 4))
loss = -mutual_information_recursion(px, py).mean()
opt_enc.zero_grad()
loss.backward(retain_graph=True)
opt_enc.step()
opt_dec.zero_grad()
loss.backward()
opt_dec.step()
