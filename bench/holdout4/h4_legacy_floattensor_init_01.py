# case: legacy initialisation from the notebook: w = torch.FloatTensor(10); w.requires_grad = True; w.normal_() draws the initial weights in place on a leaf that already requires grad (grad mode on)
# source: https://github.com/Zijing5/PyTorch_AboutSomeDetails
import torch


def init_params(n_features):
    w = torch.FloatTensor(n_features)
    w.requires_grad = True
    w.normal_()  # expect: GG001  # raises: RuntimeError: a leaf Variable that requires grad is being used in an in-place operation
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
