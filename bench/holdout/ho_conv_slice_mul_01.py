# case: forward rescales one pixel column of a conv output by another conv's output with `x[0, :, 0, 0] = x[0, :, 0, 0] * var`: the product saves the slice of x, and the slice assignment then overwrites it
# source: https://github.com/pytorch/pytorch/issues/55980
import torch


class Model(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = torch.nn.Conv2d(12, 12, 3)

    def forward(self, x, y):
        x = self.conv(x)
        y = self.conv(y)
        var = y.flatten()
        x[0, :, 0, 0] = x[0, :, 0, 0] * var  # expect: GG002  # saver

        loss = torch.mean(x)
        var.register_hook(lambda grad: print('var grad', grad.sum()))
        return loss


model = Model()

x = torch.ones([1, 12, 3, 3]).float()
y = torch.ones([1, 12, 3, 3]).float()
loss = model(x, y)

loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
