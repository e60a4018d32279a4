# source: https://github.com/phanideepgampa/stacked-capsule-networks/issues/15
# case: stacked capsule autoencoder: geometric_transform splits the pose tensor with torch.split and scales the rotation in place, `theta *= 2. * math.pi`, on an output of the split
import math

import torch
import torch.nn as nn


class CapsuleLayer(nn.Module):
    def __init__(self, n_caps=4, n_feats=8):
        super().__init__()
        self.pose_net = nn.Linear(n_feats, n_caps * 6)
        self.n_caps = n_caps

    def forward(self, x):
        pose = self.pose_net(x).view(x.size(0), self.n_caps, 6)
        return self.geometric_transform(pose)

    @staticmethod
    def geometric_transform(pose_tensor, similarity=False, nonlinear=True):
        scale_x, scale_y, theta, shear, trans_x, trans_y = torch.split(pose_tensor, 1, -1)

        if nonlinear:
            scale_x, scale_y = torch.sigmoid(scale_x) + 1e-2, torch.sigmoid(scale_y) + 1e-2
            trans_x, trans_y, shear = torch.tanh(trans_x * 5.), torch.tanh(trans_y * 5.), torch.tanh(shear * 5.)
            theta *= 2. * math.pi  # expect: GG003  # raises: RuntimeError: is a view and is being modified inplace
        else:
            scale_x, scale_y = (abs(i) + 1e-2 for i in (scale_x, scale_y))

        c, s = torch.cos(theta), torch.sin(theta)

        if similarity:
            scale = scale_x
            pose = [scale * c, -scale * s, trans_x, scale * s, scale * c, trans_y]
        else:
            pose = [
                scale_x * c + shear * scale_y * s, -scale_x * s + shear * scale_y * c,
                trans_x, scale_y * s, scale_y * c, trans_y
            ]

        pose = torch.cat(pose, -1)

        shape = list(pose.shape[:-1])
        shape += [2, 3]
        pose = torch.reshape(pose, shape)
        return pose


layer = CapsuleLayer()
x = torch.randn(2, 8)
poses = layer(x)
poses.pow(2).mean().backward()
