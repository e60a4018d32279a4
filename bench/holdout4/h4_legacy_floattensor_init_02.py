# case: the notebook's working variant: the legacy FloatTensor leaf is initialised through `w.data.normal_()` before any graph exists, and the no_grad in-place SGD updates that follow are the regular pattern; runs cleanly
# source: https://github.com/Zijing5/PyTorch_AboutSomeDetails
import torch


def init_params(n_features):
    w = torch.FloatTensor(n_features)
    w.requires_grad = True
    w.data.normal_()
    b = torch.zeros(1, requires_grad=True)
    return w, b


def train(X, y, lr=0.1, epochs=3):
    w, b = init_params(X.shape[1])
    for epoch in range(epochs):
        logits = X @ w + b
        loss = torch.nn.functional.binary_cross_entropy_with_logits(logits, y)
        loss.backward()
        with torch.no_grad():
            w -= lr * w.grad
            b -= lr * b.grad
            w.grad.zero_()
            b.grad.zero_()
    return w, b


X = torch.randn(16, 10)
y = (X[:, 0] > 0).float()
train(X, y)
