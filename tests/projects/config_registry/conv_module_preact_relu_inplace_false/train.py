# case: clean twin: mmcv-style ConvModule built from configs passed down two constructors (`norm_cfg=dict(type="BN")`, `act_cfg=dict(type="ReLU")`; the activation registry maps "ReLU" to nn.ReLU and the module's `inplace=True` is merged in with `setdefault`); the config says `inplace=False`, which `setdefault` keeps, so the pre-activation ReLU leaves the input the gate's multiplication saved alone
import torch
from torch import nn

from mmlite.models import build_neck

neck_cfg = dict(
    type="GatedFusionNeck",
    in_channels=4,
    out_channels=4,
    norm_cfg=dict(type="BN", requires_grad=True),
    act_cfg=dict(type="ReLU", inplace=False),
)

if __name__ == "__main__":
    torch.manual_seed(0)
    stem = nn.Conv2d(3, 4, 3, padding=1)
    neck = build_neck(neck_cfg)
    out = neck(stem(torch.randn(2, 3, 8, 8)))
    out.mean().backward()
