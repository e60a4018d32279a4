# coding=utf-8
from __future__ import absolute_import
from __future__ import division
from __future__ import print_function

import logging

import torch
import torch.nn as nn

from .SwinTransformer import SwinTransformerSys
from .UPerNet import UPerHead
from .CrossAttention import CrossAttention

logger = logging.getLogger(__name__)


class SwinDRNet(nn.Module):
    """ SwinDRNet.
        A PyTorch impl of SwinDRNet, a depth restoration network proposed in:
        `Domain Randomization-Enhanced Depth Simulation and Restoration for
        Perceiving and Grasping Specular and Transparent Objects' (ECCV2022)
    """

    def __init__(self, config, img_size=224, num_classes=3):
        super(SwinDRNet, self).__init__()
        self.num_classes = num_classes
        self.config = config
        self.img_size = img_size

        self.backbone_rgb_branch = SwinTransformerSys(img_size=config.DATA.IMG_SIZE,
                                patch_size=config.MODEL.SWIN.PATCH_SIZE,
                                in_chans=config.MODEL.SWIN.IN_CHANS,
                                embed_dim=config.MODEL.SWIN.EMBED_DIM,
                                depths=config.MODEL.SWIN.DEPTHS,
                                num_heads=config.MODEL.SWIN.NUM_HEADS,
                                window_size=config.MODEL.SWIN.WINDOW_SIZE,
                                mlp_ratio=config.MODEL.SWIN.MLP_RATIO,
                                qkv_bias=config.MODEL.SWIN.QKV_BIAS,
                                qk_scale=config.MODEL.SWIN.QK_SCALE,
                                drop_rate=config.MODEL.DROP_RATE,
                                drop_path_rate=config.MODEL.DROP_PATH_RATE,
                                ape=config.MODEL.SWIN.APE,
                                patch_norm=config.MODEL.SWIN.PATCH_NORM,
                                use_checkpoint=config.TRAIN.USE_CHECKPOINT)
        self.backbone_xyz_branch = SwinTransformerSys(img_size=config.DATA.IMG_SIZE,
                                patch_size=config.MODEL.SWIN.PATCH_SIZE,
                                in_chans=config.MODEL.SWIN.IN_CHANS,
                                embed_dim=config.MODEL.SWIN.EMBED_DIM,
                                depths=config.MODEL.SWIN.DEPTHS,
                                num_heads=config.MODEL.SWIN.NUM_HEADS,
                                window_size=config.MODEL.SWIN.WINDOW_SIZE,
                                mlp_ratio=config.MODEL.SWIN.MLP_RATIO,
                                qkv_bias=config.MODEL.SWIN.QKV_BIAS,
                                qk_scale=config.MODEL.SWIN.QK_SCALE,
                                drop_rate=config.MODEL.DROP_RATE,
                                drop_path_rate=config.MODEL.DROP_PATH_RATE,
                                ape=config.MODEL.SWIN.APE,
                                patch_norm=config.MODEL.SWIN.PATCH_NORM,
                                use_checkpoint=config.TRAIN.USE_CHECKPOINT)

        dim = config.MODEL.SWIN.EMBED_DIM
        in_channels = [3 * dim, 6 * dim, 12 * dim, 24 * dim]  # [288, 576, 1152, 2304] for Swin-T
        self.decode_head_depth_restoration = UPerHead(num_classes=1, in_channels=in_channels, channels=8, img_size=self.img_size)
        self.decode_head_confidence = UPerHead(num_classes=2, in_channels=in_channels, channels=8, img_size=self.img_size)

        self.cross_attention_0 = CrossAttention(in_channel=dim, depth=1, num_heads=1)
        self.cross_attention_1 = CrossAttention(in_channel=2 * dim, depth=1, num_heads=1)
        self.cross_attention_2 = CrossAttention(in_channel=4 * dim, depth=1, num_heads=1)
        self.cross_attention_3 = CrossAttention(in_channel=8 * dim, depth=1, num_heads=1)

        self.softmax = nn.Softmax(dim=1)

    def forward(self, rgb, depth):
        """Forward function."""

        rgb = rgb.repeat(1, 3, 1, 1) if rgb.size()[1] == 1 else rgb       # B, C, H, W
        depth = depth.repeat(1, 3, 1, 1) if depth.size()[1] == 1 else depth       # B, C, H, W

        input_org_shape = rgb.shape[2:]
        rgb_feature = self.backbone_rgb_branch(rgb)
        depth_feature = self.backbone_xyz_branch(depth)

        shortcut = torch.unsqueeze(depth[:, 2, :, :], 1)

        # fusion
        x = []
        out = self.cross_attention_0(tuple([rgb_feature[0], depth_feature[0]]))
        x.append(torch.cat((out, rgb_feature[0], depth_feature[0]), 1))
        out = self.cross_attention_1(tuple([rgb_feature[1], depth_feature[1]]))
        x.append(torch.cat((out, rgb_feature[1], depth_feature[1]), 1))
        out = self.cross_attention_2(tuple([rgb_feature[2], depth_feature[2]]))
        x.append(torch.cat((out, rgb_feature[2], depth_feature[2]), 1))
        out = self.cross_attention_3(tuple([rgb_feature[3], depth_feature[3]]))
        x.append(torch.cat((out, rgb_feature[3], depth_feature[3]), 1))

        pred_depth_initial = self.decode_head_depth_restoration(x, input_org_shape)
        confidence = self.softmax(self.decode_head_confidence(x, input_org_shape))

        confidence_depth = confidence[:, 0, :, :].unsqueeze(1)
        confidence_initial = confidence[:, 1, :, :].unsqueeze(1)

        pred_depth = confidence_depth * shortcut + confidence_initial * pred_depth_initial

        return pred_depth, pred_depth_initial, confidence_depth, confidence_initial

    def init_weights(self, pretrained=None):
        """Initialize the weights in backbone and heads."""
        self.backbone_rgb_branch.init_weights(pretrained=pretrained)
        self.backbone_xyz_branch.init_weights(pretrained=pretrained)
        self.decode_head_confidence.init_weights()
        self.decode_head_depth_restoration.init_weights()
        self.cross_attention_0.init_weights()
        self.cross_attention_1.init_weights()
        self.cross_attention_2.init_weights()
        self.cross_attention_3.init_weights()
