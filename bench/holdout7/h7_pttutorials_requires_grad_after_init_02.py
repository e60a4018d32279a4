# source: https://github.com/pytorch/tutorials/pull/3717
# case: the order the PR warns about: requires_grad=True is set when the weights are drawn, so the division by sqrt(784) is recorded and `weights` is not a leaf; backward leaves weights.grad at None and the manual step fails (not an in-place hazard: the in-place update under no_grad is never reached)
import math

import torch

torch.manual_seed(0)

weights = torch.randn(784, 10, requires_grad=True) / math.sqrt(784)
bias = torch.zeros(10, requires_grad=True)


def log_softmax(x):
    return x - x.exp().sum(-1).log().unsqueeze(-1)


def model(xb):
    return log_softmax(xb @ weights + bias)


def nll(input, target):
    return -input[range(target.shape[0]), target].mean()


loss_func = nll
lr = 0.5
x_train = torch.randn(16, 784)
y_train = torch.randint(0, 10, (16,))
bs = 8
for epoch in range(2):
    for i in range(2):
        xb = x_train[i * bs : i * bs + bs]
        yb = y_train[i * bs : i * bs + bs]
        pred = model(xb)
        loss = loss_func(pred, yb)
        loss.backward()
        with torch.no_grad():
            weights -= weights.grad * lr  # raises: TypeError: unsupported operand type
            bias -= bias.grad * lr
            weights.grad.zero_()
            bias.grad.zero_()
