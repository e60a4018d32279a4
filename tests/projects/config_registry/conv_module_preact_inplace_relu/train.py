# case: mmcv-style ConvModule built from configs passed down two constructors (`norm_cfg=dict(type="BN")`, `act_cfg=dict(type="ReLU")`; the activation registry maps "ReLU" to nn.ReLU and the module's `inplace=True` is merged in with `setdefault`); the pre-activation branch's ReLU runs in place on the neck input that the gate's multiplication saved
import torch
from torch import nn

from mmlite.models import build_neck

neck_cfg = dict(
    type="GatedFusionNeck",
    in_channels=4,
    out_channels=4,
    norm_cfg=dict(type="BN", requires_grad=True),
    act_cfg=dict(type="ReLU"),
)

if __name__ == "__main__":
    torch.manual_seed(0)
    stem = nn.Conv2d(3, 4, 3, padding=1)
    neck = build_neck(neck_cfg)
    out = neck(stem(torch.randn(2, 3, 8, 8)))
    out.mean().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
