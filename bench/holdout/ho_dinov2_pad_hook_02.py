# case: the workaround from the thread: CenterPadding.forward decorated with @torch.no_grad() instead of @torch.inference_mode(); the padded image is a normal tensor and the conv may save it; runs cleanly
# source: https://github.com/facebookresearch/dinov2/issues/472
import itertools
import math

import torch
import torch.nn as nn
import torch.nn.functional as F


class CenterPadding(nn.Module):
    def __init__(self, multiple):
        super().__init__()
        self.multiple = multiple

    def _get_pad(self, size):
        new_size = math.ceil(size / self.multiple) * self.multiple
        pad_size = new_size - size
        pad_size_left = pad_size // 2
        pad_size_right = pad_size - pad_size_left
        return pad_size_left, pad_size_right

    @torch.no_grad()
    def forward(self, x):
        pads = list(itertools.chain.from_iterable(self._get_pad(m) for m in x.shape[:1:-1]))
        output = F.pad(x, pads)
        return output


class TinyViT(nn.Module):
    def __init__(self, patch_size=4, embed_dim=8):
        super().__init__()
        self.patch_size = patch_size
        self.patch_embed = nn.Conv2d(3, embed_dim, kernel_size=patch_size, stride=patch_size)
        self.block = nn.TransformerEncoderLayer(embed_dim, 2, 16, dropout=0.0, batch_first=True)

    def forward(self, x):
        x = self.patch_embed(x)
        B, C, H, W = x.shape
        x = self.block(x.flatten(2).transpose(1, 2))
        return x.transpose(1, 2).reshape(B, C, H, W)


class DepthEncoderDecoder(nn.Module):
    def __init__(self, backbone, embed_dim=8):
        super().__init__()
        self.backbone = backbone
        self.decode_head = nn.Conv2d(embed_dim, 1, 1)

    def forward(self, img, img_metas=None, depth_gt=None, return_loss=True):
        feat = self.backbone(img)
        depth = F.interpolate(self.decode_head(feat), size=img.shape[-2:], mode="bilinear", align_corners=False)
        depth = depth.sigmoid() * 10.0
        if return_loss:
            return F.l1_loss(depth, depth_gt)
        return depth


backbone_model = TinyViT()
backbone_model.register_forward_pre_hook(lambda _, x: CenterPadding(backbone_model.patch_size)(x[0]))
model = DepthEncoderDecoder(backbone_model)
optimizer = torch.optim.Adam(model.decode_head.parameters(), lr=1e-3)

model.backbone.train()
model.train()
backbone_model.train()

train_loader = [{'image': torch.rand(2, 3, 14, 14), 'depth': torch.rand(2, 1, 14, 14) * 10} for _ in range(2)]
num_epochs = 1
for epoch in range(num_epochs):
    model.train()
    for batch in train_loader:
        images = batch['image']
        depths = batch['depth']
        loss = model(images, img_metas=None, depth_gt=depths, return_loss=True)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
