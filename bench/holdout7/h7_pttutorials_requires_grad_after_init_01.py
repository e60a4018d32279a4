# source: https://github.com/pytorch/tutorials/pull/3717
# case: the nn_tutorial's hand-written logistic regression: the weights are scaled by 1/sqrt(784) first and only then marked with requires_grad_(), so they stay a leaf; the manual SGD step updates them in place inside torch.no_grad() and zeroes the grads
import math

import torch

torch.manual_seed(0)

weights = torch.randn(784, 10) / math.sqrt(784)
weights.requires_grad_()
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
            weights -= weights.grad * lr
            bias -= bias.grad * lr
            weights.grad.zero_()
            bias.grad.zero_()
