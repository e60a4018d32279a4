# source: https://github.com/easton-cau/SOTR/issues/19
# case: SOTR's MaskBranch sums the FPN levels into the first level's output in place (`feature_add_all_level += self.convs_all_levels[i](mask_feat)`); convs_all_levels is a ModuleList of Sequentials built with add_module, and level 0 ends in nn.ReLU(inplace=False), whose backward saved that output
import torch
import torch.nn as nn

torch.manual_seed(0)


class MaskBranch(nn.Module):
    def __init__(self, num_levels=3, mask_in_channels=8, mask_channels=8, num_masks=4, act=nn.ReLU):
        super().__init__()
        self.num_levels = num_levels
        self.convs_all_levels = nn.ModuleList()
        for i in range(num_levels):
            convs_per_level = nn.Sequential()
            if i == 0:
                conv_tower = [nn.Conv2d(mask_in_channels, mask_channels, 3, 1, 1, bias=False), nn.GroupNorm(4, mask_channels)]
                conv_tower.append(act(inplace=False))
                convs_per_level.add_module("conv" + str(i), nn.Sequential(*conv_tower))
                self.convs_all_levels.append(convs_per_level)
                continue
            for j in range(i):
                chn = mask_in_channels if j == 0 else mask_channels
                conv_tower = [nn.Conv2d(chn, mask_channels, 3, 1, 1, bias=False), nn.GroupNorm(4, mask_channels)]
                conv_tower.append(act(inplace=False))
                convs_per_level.add_module("conv" + str(j), nn.Sequential(*conv_tower))
                convs_per_level.add_module("upsample" + str(j), nn.Upsample(scale_factor=2, mode="bilinear", align_corners=False))
            self.convs_all_levels.append(convs_per_level)
        self.conv_pred = nn.Sequential(
            nn.Conv2d(mask_channels, num_masks, 1, bias=False), nn.GroupNorm(2, num_masks), nn.ReLU(inplace=True)
        )

    def forward(self, features):
        feature_add_all_level = self.convs_all_levels[0](features[0])  # saver
        for i in range(1, self.num_levels):
            mask_feat = features[i]
            feature_add_all_level += self.convs_all_levels[i](mask_feat)  # expect: GG002
        mask_pred = self.conv_pred(feature_add_all_level)
        return mask_pred


branch = MaskBranch()
features = [torch.randn(2, 8, 16 // 2**i, 16 // 2**i) for i in range(3)]
mask_pred = branch(features)
loss = mask_pred.pow(2).mean()
loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
