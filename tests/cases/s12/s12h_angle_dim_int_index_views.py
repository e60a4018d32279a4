# case: the angle dimension is an int (a property returning `THETA`), so `x[:, dim]` is basic indexing and `angles` a view of x: writing sin(angles) back into x modifies the view sin saved, and the backward raises
import torch
import torch.nn as nn

torch.manual_seed(0)


class Pendulum:
    THETA = 0

    @property
    def angle_dims(self):
        return Pendulum.THETA


def normalize_with_angles(system, x):
    x = x / 2.0
    angles = x[:, system.angle_dims]
    x[:, system.angle_dims] = torch.sin(angles)  # expect: GG002  # saver
    return torch.cat((x, torch.cos(angles).reshape(x.shape[0], -1)), dim=-1)


net = nn.Linear(3, 1)
x = torch.randn(5, 2, requires_grad=True)
v = net(normalize_with_angles(Pendulum(), x))
v.sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
