import torch
import torch.nn as nn
from torch.nn import functional as F

from network_module import *


# -----------------------------------------------
#                   Generator
# -----------------------------------------------
# Input: masked image + mask; output: filled image (coarse at half resolution, then refined)
class Coarse(nn.Module):
    def __init__(self, opt):
        super().__init__()
        c = opt.latent_channels
        act, norm = opt.activation, opt.norm
        self.coarse1 = nn.Sequential(
            GatedConv2d(4, c, 5, 2, 2, activation=act, norm=norm, sc=True),
            GatedConv2d(c, c, 3, 1, 1, activation=act, norm=norm, sc=True),
            GatedConv2d(c, 2 * c, 3, 2, 1, activation=act, norm=norm, sc=True),
        )
        self.coarse2 = nn.Sequential(
            GatedConv2d(2 * c, 2 * c, 3, 1, 1, activation=act, norm=norm, sc=True),
            GatedConv2d(2 * c, 2 * c, 3, 1, 1, activation=act, norm=norm, sc=True),
        )
        self.coarse3 = nn.Sequential(
            GatedConv2d(2 * c, 2 * c, 3, 1, 2, dilation=2, activation=act, norm=norm, sc=True),
            GatedConv2d(2 * c, 2 * c, 3, 1, 2, dilation=2, activation=act, norm=norm, sc=True),
        )
        self.coarse9 = nn.Sequential(
            TransposeGatedConv2d(2 * c, 2 * c, 3, 1, 1, activation=act, norm=norm, sc=True),
            TransposeGatedConv2d(2 * c, c, 3, 1, 1, activation=act, norm=norm, sc=True),
            GatedConv2d(c, 3, 3, 1, 1, activation="none", norm=norm, sc=True),
            nn.Tanh(),
        )

    def forward(self, first_in):
        first_out = self.coarse1(first_in)
        first_out = self.coarse2(first_out) + first_out
        first_out = self.coarse3(first_out) + first_out
        first_out = self.coarse9(first_out)
        return torch.clamp(first_out, 0, 1)


class GatedGenerator(nn.Module):
    def __init__(self, opt):
        super().__init__()
        c = opt.latent_channels
        act, norm = opt.activation, opt.norm
        self.imgsize = opt.imgsize
        self.patch_num = opt.patch_num
        self.coarse = Coarse(opt)

        self.refinement1 = nn.Sequential(
            GatedConv2d(3, c, 5, 2, 2, activation=act, norm=norm),
            GatedConv2d(c, c, 3, 1, 1, activation=act, norm=norm),
        )
        self.refinement2 = nn.Sequential(
            GatedConv2d(c, 2 * c, 3, 2, 1, activation=act, norm=norm),
            GatedConv2d(2 * c, 2 * c, 3, 1, 1, activation=act, norm=norm),
        )
        self.refinement3 = nn.Sequential(GatedConv2d(2 * c, 4 * c, 3, 2, 1, activation=act, norm=norm))
        self.refinement4 = nn.Sequential(
            GatedConv2d(4 * c, 4 * c, 3, 1, 1, activation=act, norm=norm),
            GatedConv2d(4 * c, 4 * c, 3, 1, 2, dilation=2, activation=act, norm=norm),
        )
        self.refinement7 = nn.Sequential(
            GatedConv2d(8 * c, 4 * c, 3, 1, 1, activation=act, norm=norm),
            TransposeGatedConv2d(4 * c, 2 * c, 3, 1, 1, activation=act, norm=norm),
            GatedConv2d(2 * c, 2 * c, 3, 1, 1, activation=act, norm=norm),
        )
        self.refinement8 = nn.Sequential(
            TransposeGatedConv2d(4 * c, 2 * c, 3, 1, 1, activation=act, norm=norm),
            GatedConv2d(2 * c, c, 3, 1, 1, activation=act, norm=norm),
        )
        self.refinement9 = nn.Sequential(
            TransposeGatedConv2d(2 * c, c, 3, 1, 1, activation=act, norm=norm),
            GatedConv2d(c, 3, 3, 1, 1, activation="none", norm=norm),
            nn.Tanh(),
        )
        self.conv_pl3 = nn.Sequential(GatedConv2d(4 * c, 4 * c, 3, 1, 1, activation=act, norm=norm))
        self.conv_pl2 = nn.Sequential(GatedConv2d(2 * c, 2 * c, 3, 1, 1, activation=act, norm=norm))
        self.conv_pl1 = nn.Sequential(GatedConv2d(c, c, 3, 1, 1, activation=act, norm=norm))

    def forward(self, img, mask):
        half = self.imgsize // 2
        img_half = F.interpolate(img, size=[half, half], mode="bilinear")
        mask_half = F.interpolate(mask, size=[half, half], mode="nearest")
        first_masked_img = img_half * (1 - mask_half) + mask_half
        first_in = torch.cat((first_masked_img, mask_half), 1)  # [B, 4, H/2, W/2]
        first_out = self.coarse(first_in)  # [B, 3, H/2, W/2]
        first_out = F.interpolate(first_out, size=[self.imgsize, self.imgsize], mode="bilinear")

        # refinement
        second_in = img * (1 - mask) + first_out * mask
        pl1 = self.refinement1(second_in)  # [B, c, H/2, W/2]
        pl2 = self.refinement2(pl1)  # [B, 2c, H/4, W/4]
        second_out = self.refinement3(pl2)  # [B, 4c, H/8, W/8]
        pl3 = self.refinement4(second_out) + second_out

        patch_fb = self.cal_patch(self.patch_num, mask, self.imgsize)
        att = self.compute_attention(pl3, patch_fb)

        second_out = torch.cat((pl3, self.conv_pl3(self.attention_transfer(pl3, att))), 1)
        second_out = self.refinement7(second_out)
        second_out = torch.cat((second_out, self.conv_pl2(self.attention_transfer(pl2, att))), 1)
        second_out = self.refinement8(second_out)
        second_out = torch.cat((second_out, self.conv_pl1(self.attention_transfer(pl1, att))), 1)
        second_out = self.refinement9(second_out)
        second_out = torch.clamp(second_out, 0, 1)
        return first_out, second_out

    def cal_patch(self, patch_num, mask, raw_size):
        pool = nn.MaxPool2d(raw_size // patch_num)
        return pool(mask)  # [B, 1, patch_num, patch_num]

    def compute_attention(self, feature, patch_fb):
        b, c = feature.shape[0], feature.shape[1]
        n = self.patch_num
        feature = F.interpolate(feature, size=[n, n], mode="bilinear")
        p_fb = torch.reshape(patch_fb, [b, n * n, 1])
        p_matrix = torch.bmm(p_fb, (1 - p_fb).permute([0, 2, 1]))
        f = feature.permute([0, 2, 3, 1]).reshape([b, n * n, c])
        cos = self.cosine_Matrix(f, f) * p_matrix
        return F.softmax(cos, dim=2) * p_matrix

    def attention_transfer(self, feature, attention):
        b_num, c, h, w = feature.shape
        n = self.patch_num
        f = self.extract_image_patches(feature, n)
        f = torch.reshape(f, [b_num, f.shape[1] * f.shape[2], -1])
        f = torch.bmm(attention, f)
        f = torch.reshape(f, [b_num, n, n, h // n, w // n, c])
        f = f.permute([0, 5, 1, 3, 2, 4])
        return torch.reshape(f, [b_num, c, h, w])

    def extract_image_patches(self, img, patch_num):
        b, c, h, w = img.shape
        img = torch.reshape(img, [b, c, patch_num, h // patch_num, patch_num, w // patch_num])
        return img.permute([0, 2, 4, 3, 5, 1])

    def cosine_Matrix(self, _matrixA, _matrixB):
        _matrixA_matrixB = torch.bmm(_matrixA, _matrixB.permute([0, 2, 1]))
        _matrixA_norm = torch.sqrt((_matrixA * _matrixA).sum(axis=2) + 1e-8).unsqueeze(dim=2)
        _matrixB_norm = torch.sqrt((_matrixB * _matrixB).sum(axis=2) + 1e-8).unsqueeze(dim=2)
        return _matrixA_matrixB / torch.bmm(_matrixA_norm, _matrixB_norm.permute([0, 2, 1]))


# -----------------------------------------------
#                  Discriminator
# -----------------------------------------------
# Input: generated image / ground truth and mask; output: one score per image
class PatchDiscriminator(nn.Module):
    def __init__(self, opt):
        super().__init__()
        c = opt.latent_channels
        self.norm = "in"
        self.block1 = Conv2dLayer(4, 2 * c, 3, 2, 1, activation="lrelu", norm=self.norm)
        self.block2 = Conv2dLayer(2 * c, 4 * c, 3, 2, 1, activation="lrelu", norm=self.norm)
        self.block3 = Conv2dLayer(4 * c, 4 * c, 3, 2, 1, activation="lrelu", norm=self.norm)
        self.block4 = Conv2dLayer(4 * c, 4, 3, 2, 1, activation="lrelu", norm=self.norm)
        self.block7 = torch.nn.Linear(4 * (opt.imgsize // 16) ** 2, 1)

    def forward(self, img, mask):
        x = torch.cat((img, mask), 1)
        x = self.block1(x)
        x = self.block2(x)
        x = self.block3(x)
        x = self.block4(x)
        x = x.reshape([x.shape[0], -1])
        return self.block7(x)


# ----------------------------------------
#            Perceptual Network
# ----------------------------------------
# VGG-16-like feature extractor (first blocks), frozen
class PerceptualNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(3, 8, 3, 1, 1),
            nn.ReLU(inplace=True),
            nn.Conv2d(8, 8, 3, 1, 1),
            nn.ReLU(inplace=True),
            nn.MaxPool2d(2, 2),
            nn.Conv2d(8, 16, 3, 1, 1),
            nn.ReLU(inplace=True),
        )

    def forward(self, x):
        return self.features(x)
