# case: PWC-Net warp() as it was before the "remove inplace operations" PR: the sampling grid is rescaled in place (`vgrid[:,0,:,:] = 2.0*vgrid[:,0,:,:]/max(W-1,1)-1.0`) and the validity mask is thresholded in place (`mask[mask<0.999] = 0`); under torch 2.13 neither tensor is saved when written (scalar mul/div save nothing, grid_sample saves its input and grid, not its output), so fine-tuning runs cleanly
# source: https://github.com/NVlabs/PWC-Net/pull/62
import torch
import torch.nn as nn
from torch.autograd import Variable


def conv(in_planes, out_planes, kernel_size=3, stride=1, padding=1, dilation=1):
    return nn.Sequential(
        nn.Conv2d(in_planes, out_planes, kernel_size=kernel_size, stride=stride, padding=padding, dilation=dilation, bias=True),
        nn.LeakyReLU(0.1))


def predict_flow(in_planes):
    return nn.Conv2d(in_planes, 2, kernel_size=3, stride=1, padding=1, bias=True)


def deconv(in_planes, out_planes, kernel_size=4, stride=2, padding=1):
    return nn.ConvTranspose2d(in_planes, out_planes, kernel_size, stride, padding, bias=True)


def correlation(f1, f2, md=1):
    """Stand-in for the CUDA Correlation package: cost volume over a (2md+1)^2 window."""
    B, C, H, W = f1.shape
    f2p = nn.functional.pad(f2, (md, md, md, md))
    out = [(f1 * f2p[:, :, dy:dy + H, dx:dx + W]).mean(1, keepdim=True)
           for dy in range(2 * md + 1) for dx in range(2 * md + 1)]
    return torch.cat(out, 1)


class PWCLite(nn.Module):
    """Two-level PWC-DC network (same warp / cost volume / estimator structure, tiny widths)."""

    def __init__(self, md=1):
        super().__init__()
        self.md = md
        nd = (2 * md + 1) ** 2
        self.conv1a = conv(3, 8, kernel_size=3, stride=2)
        self.conv2a = conv(8, 8, kernel_size=3, stride=2)
        self.leakyRELU = nn.LeakyReLU(0.1)
        self.conv2_0 = conv(nd, 8)
        self.predict_flow2 = predict_flow(nd + 8)
        self.deconv2 = deconv(2, 2)
        self.upfeat2 = deconv(nd + 8, 2)
        od = nd + 8 + 4
        self.conv1_0 = conv(od, 8)
        self.predict_flow1 = predict_flow(od + 8)

    def warp(self, x, flo):
        """warp an image/tensor (im2) back to im1, according to the optical flow"""
        B, C, H, W = x.size()
        # mesh grid
        xx = torch.arange(0, W).view(1, -1).repeat(H, 1)
        yy = torch.arange(0, H).view(-1, 1).repeat(1, W)
        xx = xx.view(1, 1, H, W).repeat(B, 1, 1, 1)
        yy = yy.view(1, 1, H, W).repeat(B, 1, 1, 1)
        grid = torch.cat((xx, yy), 1).float()
        vgrid = Variable(grid) + flo

        # scale grid to [-1,1]
        vgrid[:, 0, :, :] = 2.0 * vgrid[:, 0, :, :] / max(W - 1, 1) - 1.0
        vgrid[:, 1, :, :] = 2.0 * vgrid[:, 1, :, :] / max(H - 1, 1) - 1.0

        vgrid = vgrid.permute(0, 2, 3, 1)
        output = nn.functional.grid_sample(x, vgrid, align_corners=True)
        mask = torch.autograd.Variable(torch.ones(x.size()))
        mask = nn.functional.grid_sample(mask, vgrid, align_corners=True)

        mask[mask < 0.999] = 0
        mask[mask > 0] = 1

        return output * mask

    def forward(self, x):
        im1 = x[:, :3, :, :]
        im2 = x[:, 3:, :, :]
        c11 = self.conv1a(im1)
        c21 = self.conv1a(im2)
        c12 = self.conv2a(c11)
        c22 = self.conv2a(c21)

        corr2 = self.leakyRELU(correlation(c12, c22, self.md))
        x = torch.cat((self.conv2_0(corr2), corr2), 1)
        flow2 = self.predict_flow2(x)
        up_flow2 = self.deconv2(flow2)
        up_feat2 = self.upfeat2(x)

        warp1 = self.warp(c21, up_flow2 * 0.625)
        corr1 = self.leakyRELU(correlation(c11, warp1, self.md))
        x = torch.cat((corr1, c11, up_flow2, up_feat2), 1)
        x = torch.cat((self.conv1_0(x), x), 1)
        flow1 = self.predict_flow1(x)
        return flow1, flow2


torch.manual_seed(0)
model = PWCLite()
optimizer = torch.optim.Adam(model.parameters(), lr=1e-4)
images = torch.randn(2, 6, 16, 16)
gt_flow = torch.randn(2, 2, 8, 8)
flow1, flow2 = model(images)
epe = torch.norm(flow1 - gt_flow, p=2, dim=1).mean()
optimizer.zero_grad()
epe.backward()
optimizer.step()
