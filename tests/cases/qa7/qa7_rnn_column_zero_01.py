# case: the page's "faulty_backprop": y = x ** 2, then a column of y set to zero with y[:, 1] = 0; pow saved x, not y, so under torch this runs
# source: https://taourl.com/read-2588097.html
import torch


def faulty_backprop():
    x = torch.randn(3, 4, requires_grad=True)
    y = x**2
    y[:, 1] = 0
    z = y.sum()
    z.backward()
    return x.grad


print(faulty_backprop())
