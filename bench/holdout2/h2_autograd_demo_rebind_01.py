# case: autograd tutorial demo's manual update `w_0 = w_0 - 0.001 * w_0.grad`, run for two steps: the rebinding makes w_0 a non-leaf, its .grad stays None, and the second update fails
# source: https://coderethan.fun/AI/01_deep_learning_theory/21-pytorch-autograd.html
import warnings

import torch

warnings.simplefilter("ignore", UserWarning)  # non-leaf .grad access warning


def autograd_demo(steps=2):
    data0 = torch.randn(2, 2, 4)
    w_0 = torch.randn(2, 4, 3, requires_grad=True)
    w_1 = torch.randn(2, 3, 5, requires_grad=True)
    for step in range(steps):
        data2 = torch.bmm(data0, w_0)
        data3 = torch.sigmoid(data2)
        output = torch.matmul(data3, w_1)
        loss = output.sum()
        loss.backward()
        w_0 = w_0 - 0.001 * w_0.grad  # expect: GG009  # raises: TypeError: unsupported operand type(s)

    print("run autograd_demo finished !!!")


torch.manual_seed(0)
autograd_demo()
