# case: mmdetection FPN before the PR, default neck config (Faster R-CNN style: act_cfg=None, no norm): the top-down `laterals[i - 1] += F.interpolate(laterals[i], size=prev_shape, mode='nearest')` adds into plain 1x1-conv outputs, which nothing saved, so training runs cleanly despite the PR's warning
# source: https://github.com/open-mmlab/mmdetection/pull/7175
import torch
import torch.nn as nn
import torch.nn.functional as F


def build_activation_layer(cfg):
    cfg = dict(cfg)
    layer_type = cfg.pop("type")
    return {"ReLU": nn.ReLU, "LeakyReLU": nn.LeakyReLU}[layer_type](**cfg)


class ConvModule(nn.Module):
    def __init__(self, in_channels, out_channels, kernel_size, stride=1, padding=0,
                 conv_cfg=None, norm_cfg=None, act_cfg=dict(type="ReLU"), inplace=True):
        super(ConvModule, self).__init__()
        self.with_norm = norm_cfg is not None
        self.with_activation = act_cfg is not None
        self.conv = nn.Conv2d(in_channels, out_channels, kernel_size, stride=stride,
                              padding=padding, bias=not self.with_norm)
        if self.with_norm:
            self.norm = nn.BatchNorm2d(out_channels)
        if self.with_activation:
            act_cfg_ = act_cfg.copy()
            act_cfg_.setdefault("inplace", inplace)
            self.activate = build_activation_layer(act_cfg_)

    def forward(self, x):
        x = self.conv(x)
        if self.with_norm:
            x = self.norm(x)
        if self.with_activation:
            x = self.activate(x)
        return x


class FPN(nn.Module):
    def __init__(self, in_channels, out_channels, num_outs, start_level=0,
                 conv_cfg=None, norm_cfg=None, act_cfg=None):
        super(FPN, self).__init__()
        self.in_channels = in_channels
        self.num_ins = len(in_channels)
        self.num_outs = num_outs
        self.backbone_end_level = self.num_ins
        self.start_level = start_level
        self.lateral_convs = nn.ModuleList()
        self.fpn_convs = nn.ModuleList()
        for i in range(self.start_level, self.backbone_end_level):
            l_conv = ConvModule(in_channels[i], out_channels, 1, conv_cfg=conv_cfg,
                                norm_cfg=norm_cfg, act_cfg=act_cfg, inplace=False)
            fpn_conv = ConvModule(out_channels, out_channels, 3, padding=1, conv_cfg=conv_cfg,
                                  norm_cfg=norm_cfg, act_cfg=act_cfg, inplace=False)
            self.lateral_convs.append(l_conv)
            self.fpn_convs.append(fpn_conv)

    def forward(self, inputs):
        laterals = [
            lateral_conv(inputs[i + self.start_level])
            for i, lateral_conv in enumerate(self.lateral_convs)
        ]
        used_backbone_levels = len(laterals)
        for i in range(used_backbone_levels - 1, 0, -1):
            prev_shape = laterals[i - 1].shape[2:]
            laterals[i - 1] += F.interpolate(
                laterals[i], size=prev_shape, mode="nearest")
        outs = [self.fpn_convs[i](laterals[i]) for i in range(used_backbone_levels)]
        if self.num_outs > len(outs):
            for i in range(self.num_outs - used_backbone_levels):
                outs.append(F.max_pool2d(outs[-1], 1, stride=2))
        return tuple(outs)


class TinyResNet(nn.Module):
    def __init__(self, widths=(8, 16, 24, 32)):
        super().__init__()
        self.stem = ConvModule(3, widths[0], 3, 2, 1, norm_cfg=dict(type="BN"))
        chans = [widths[0]] + list(widths)
        self.stages = nn.ModuleList(
            ConvModule(chans[i], chans[i + 1], 3, 2 if i else 1, 1, norm_cfg=dict(type="BN"))
            for i in range(len(widths))
        )

    def forward(self, x):
        x = self.stem(x)
        outs = []
        for stage in self.stages:
            x = stage(x)
            outs.append(x)
        return tuple(outs)


class RPNHead(nn.Module):
    def __init__(self, in_channels, num_anchors=3):
        super().__init__()
        self.rpn_conv = nn.Conv2d(in_channels, in_channels, 3, padding=1)
        self.rpn_cls = nn.Conv2d(in_channels, num_anchors, 1)
        self.rpn_reg = nn.Conv2d(in_channels, num_anchors * 4, 1)

    def forward(self, feats):
        cls_scores, bbox_preds = [], []
        for x in feats:
            x = F.relu(self.rpn_conv(x), inplace=True)
            cls_scores.append(self.rpn_cls(x))
            bbox_preds.append(self.rpn_reg(x))
        return cls_scores, bbox_preds


backbone = TinyResNet()
neck = FPN(in_channels=[8, 16, 24, 32], out_channels=12, num_outs=5)
rpn_head = RPNHead(12)
params = list(backbone.parameters()) + list(neck.parameters()) + list(rpn_head.parameters())
optimizer = torch.optim.SGD(params, lr=0.02, momentum=0.9, weight_decay=1e-4)
img = torch.randn(2, 3, 40, 40)
for it in range(2):
    cls_scores, bbox_preds = rpn_head(neck(backbone(img)))
    loss_cls = sum(F.binary_cross_entropy_with_logits(c, torch.zeros_like(c)) for c in cls_scores)
    loss_bbox = sum(F.smooth_l1_loss(b, torch.zeros_like(b)) for b in bbox_preds)
    loss = loss_cls + loss_bbox
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
