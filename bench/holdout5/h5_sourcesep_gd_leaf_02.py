# source: https://github.com/source-separation/tutorial/issues/18
# case: the fix discussed and merged in the thread: the update and the gradient reset wrapped in `with torch.no_grad():`
import torch


def loss_fn(x, target):
    return ((x - target) ** 2).sum()


target = torch.tensor([3.0, -1.0])
x = torch.zeros(2, requires_grad=True)
learning_rate = 0.1
for step in range(5):
    loss = loss_fn(x, target)
    loss.backward()
    with torch.no_grad():
        x -= learning_rate * x.grad
        x.grad.zero_()
print(x)
