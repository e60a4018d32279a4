# case: unsupervised image stitching homography warp (reconstructed around the line quoted in the thread): x_s, y_s, t_s come from torch.chunk; with batch size 1, t_s.reshape([-1]) is still a view of that chunk output and `t_s_flat[t_s_flat.abs() < eps] = eps` raises
# source: https://github.com/kail8/UnsupDIS-pytorch/issues/26
import torch
import torch.nn as nn


def _meshgrid(height, width):
    x_t = torch.linspace(-1.0, 1.0, width).unsqueeze(0).repeat(height, 1)
    y_t = torch.linspace(-1.0, 1.0, height).unsqueeze(1).repeat(1, width)
    x_t_flat = x_t.reshape(1, -1)
    y_t_flat = y_t.reshape(1, -1)
    ones = torch.ones_like(x_t_flat)
    return torch.cat([x_t_flat, y_t_flat, ones], dim=0)


def transform(theta, input_dim, out_size):
    num_batch, num_channels, height, width = input_dim.shape
    theta = theta.reshape([-1, 3, 3]).float()
    out_height, out_width = out_size
    grid = _meshgrid(out_height, out_width).unsqueeze(0).expand(num_batch, -1, -1)
    T_g = torch.matmul(theta, grid)
    x_s, y_s, t_s = torch.chunk(T_g, 3, dim=1)
    x_s_flat = x_s.reshape([-1])
    y_s_flat = y_s.reshape([-1])
    t_s_flat = t_s.reshape([-1])
    eps = 1e-7
    t_s_flat[t_s_flat.abs() < eps] = eps  # expect: GG003  # raises: RuntimeError: This view is the output of a function that returns multiple views
    x_s_flat = x_s_flat / t_s_flat
    y_s_flat = y_s_flat / t_s_flat
    grid_s = torch.stack([x_s_flat, y_s_flat], -1).reshape(num_batch, out_height, out_width, 2)
    return nn.functional.grid_sample(input_dim, grid_s, align_corners=True)


class HNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(2 * 3 * 8 * 8, 8)

    def forward(self, a, b):
        offset = self.fc(torch.cat([a, b], 1).flatten(1))
        return torch.cat([torch.eye(3).reshape(1, 9)[:, :8] + 0.01 * offset, torch.ones(a.shape[0], 1)], 1)


torch.manual_seed(0)
net = HNet()
img1 = torch.rand(1, 3, 8, 8)  # test-time batch of one image pair
img2 = torch.rand(1, 3, 8, 8)
H = net(img1, img2)
warp = transform(H, img2, (8, 8))
loss = (warp - img1).abs().mean()
loss.backward()
