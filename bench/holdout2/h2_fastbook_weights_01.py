# case: fastbook 04_mnist_basics notebook: weights = init_params(...) is a leaf requiring grad; the cell `weights[0] *= 1.0001` modifies a view of that leaf in place
# source: https://github.com/fastai/fastbook/pull/471
import torch

torch.manual_seed(0)
train_x = torch.rand(12, 28 * 28)
train_y = (torch.rand(12, 1) > 0.5).float()


def init_params(size, std=1.0): return (torch.randn(size) * std).requires_grad_()


weights = init_params((28 * 28, 1))
bias = init_params(1)
(train_x[0] * weights.T).sum() + bias


def linear1(xb): return xb @ weights + bias


preds = linear1(train_x)
corrects = (preds > 0.0).float() == train_y
corrects.float().mean().item()

weights[0] *= 1.0001  # expect: GG001  # raises: RuntimeError: a view of a leaf Variable that requires grad is being used in an in-place operation
preds = linear1(train_x)
((preds > 0.0).float() == train_y).float().mean().item()
