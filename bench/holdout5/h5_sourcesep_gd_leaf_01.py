# source: https://github.com/source-separation/tutorial/issues/18
# case: the tutorial's gradient-descent section: a hand-written descent loop updates the leaf tensor with `x -= learning_rate * x.grad` after `loss.backward()`, outside `no_grad` (crashes since the leaf-handling change the issue reports)
import torch


def loss_fn(x, target):
    return ((x - target) ** 2).sum()


target = torch.tensor([3.0, -1.0])
x = torch.zeros(2, requires_grad=True)
learning_rate = 0.1
for step in range(5):
    loss = loss_fn(x, target)
    loss.backward()
    x -= learning_rate * x.grad  # expect: GG001  # raises: RuntimeError: a leaf Variable that requires grad is being used in an in-place operation
    x.grad.zero_()
print(x)
