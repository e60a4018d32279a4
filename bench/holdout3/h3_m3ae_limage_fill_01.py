# case: M3AE (multimodal brain-MRI masked autoencoder) pre-training under nn.DataParallel: the batch x reaching forward() is a chunk returned by DataParallel's Scatter autograd.Function, and the masked-patch filling writes into it per sample, `x[l] = x[l] * mask + self.limage[...] * (1-mask)` with the learnable limage
# source: https://github.com/ccarliu/m3ae/issues/15
import numpy as np
import torch
import torch.nn as nn


class Scatter(torch.autograd.Function):
    """Stand-in for torch.nn.parallel._functions.Scatter on a single device (comm.scatter returns chunk views)."""

    @staticmethod
    def forward(ctx, target_gpus, chunk_sizes, dim, input):
        ctx.dim = dim
        return input.split(chunk_sizes, dim)

    @staticmethod
    def backward(ctx, *grad_output):
        return None, None, None, torch.cat(grad_output, ctx.dim)


class DataParallel(nn.Module):
    def __init__(self, module, device_ids=(0,)):
        super().__init__()
        self.module = module
        self.device_ids = list(device_ids)

    def forward(self, x, *args):
        chunks = Scatter.apply(self.device_ids, [x.size(0)], 0, x)
        return self.module(chunks[0], *args)


def MaskEmbeeding(B, C, D, patch_size=4, mask_ratio=0.75):
    n = (D // patch_size) ** 3
    keep = torch.rand(B, C, n) > mask_ratio
    mask = keep.float().view(B, C, D // patch_size, D // patch_size, D // patch_size)
    for dim in (2, 3, 4):
        mask = mask.repeat_interleave(patch_size, dim=dim)
    return mask


class UNet3D(nn.Module):
    def __init__(self, in_channels=4, out_channels=4, init_channels=4):
        super().__init__()
        self.enc = nn.Sequential(nn.Conv3d(in_channels, init_channels, 3, padding=1), nn.GroupNorm(2, init_channels), nn.ReLU())
        self.down = nn.Conv3d(init_channels, 2 * init_channels, 3, stride=2, padding=1)
        self.up = nn.ConvTranspose3d(2 * init_channels, init_channels, 2, stride=2)
        self.out = nn.Conv3d(2 * init_channels, out_channels, 1)

    def forward(self, x):
        e = self.enc(x)
        d = self.up(torch.relu(self.down(e)))
        return self.out(torch.cat([e, d], dim=1))


class Unet_missing(nn.Module):
    def __init__(self, input_shape, in_channels=4, out_channels=4, pre_train=True, mask_ratio=0.875):
        super().__init__()
        self.unet = UNet3D(in_channels, out_channels)
        self.limage = nn.Parameter(torch.randn((1, 4, 12, 12, 12)))
        self.pre_train = pre_train
        self.mask_ratio = mask_ratio

    def forward(self, x, location):
        if self.pre_train and self.training:
            mask = MaskEmbeeding(x.shape[0], x.shape[1], x.shape[2], mask_ratio=self.mask_ratio)
            for l in range(x.shape[0]):
                x[l] = x[l] * mask[l] + self.limage[0, :, location[0][0][l]: location[0][1][l], location[1][0][l]: location[1][1][l], location[2][0][l]: location[2][1][l]] * (1 - mask[l])  # not detach here  # expect: GG004  # raises: RuntimeError: This view was created inside a custom Function
        return self.unet(x), mask


torch.manual_seed(0)
np.random.seed(0)
model_1 = DataParallel(Unet_missing(input_shape=8))
optimizer = torch.optim.Adam(model_1.parameters(), lr=1e-4)
inputs_S1 = torch.rand(2, 4, 8, 8, 8)  # random 8^3 crops of the 4 MRI modalities
starts = np.random.randint(0, 4, size=(3, 2))
patch_locations = [(starts[i], starts[i] + 8) for i in range(3)]
segs_S1, mask = model_1(inputs_S1, patch_locations)
loss = (((segs_S1 - inputs_S1) ** 2) * (1 - mask)).mean()
optimizer.zero_grad()
loss.backward()
optimizer.step()
