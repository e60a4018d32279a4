# case: fastbook 04_mnist_basics notebook, corrected cell: the nudge `weights[0] *= 1.0001` is done under torch.no_grad(), and the later training step recomputes preds before backward; runs cleanly
# source: https://github.com/fastai/fastbook/pull/471
import torch

torch.manual_seed(0)
train_x = torch.rand(12, 28 * 28)
train_y = (torch.rand(12, 1) > 0.5).float()


def init_params(size, std=1.0): return (torch.randn(size) * std).requires_grad_()


weights = init_params((28 * 28, 1))
bias = init_params(1)


def linear1(xb): return xb @ weights + bias


preds = linear1(train_x)
corrects = (preds > 0.0).float() == train_y
corrects.float().mean().item()

with torch.no_grad():
    weights[0] *= 1.0001
preds = linear1(train_x)
((preds > 0.0).float() == train_y).float().mean().item()


def mnist_loss(predictions, targets):
    predictions = predictions.sigmoid()
    return torch.where(targets == 1, 1 - predictions, predictions).mean()


def calc_grad(xb, yb, model):
    preds = model(xb)
    loss = mnist_loss(preds, yb)
    loss.backward()


lr = 1.
params = weights, bias
for epoch in range(2):
    calc_grad(train_x, train_y, linear1)
    for p in params:
        p.data -= p.grad * lr
        p.grad.zero_()
