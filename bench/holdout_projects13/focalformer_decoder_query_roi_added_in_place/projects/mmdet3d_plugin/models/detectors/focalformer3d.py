import torch
from torch import nn

from ...core import DETECTORS, HEADS, build_from_cfg


@DETECTORS.register_module()
class FocalFormer3D(nn.Module):
    """LiDAR-only FocalFormer3D: BEV features -> FocalDecoder.

    The voxel encoder, sparse middle encoder and SECOND backbone/neck of the repository are replaced by
    one convolution over a rasterised point cloud.
    """

    def __init__(self, in_channels=4, bev_channels=128, pts_bbox_head=None):
        super().__init__()
        self.pts_backbone = nn.Sequential(
            nn.Conv2d(in_channels, bev_channels, kernel_size=3, padding=1, bias=False),
            nn.BatchNorm2d(bev_channels),
            nn.ReLU(inplace=True),
        )
        self.pts_bbox_head = build_from_cfg(pts_bbox_head, HEADS)

    def extract_pts_feat(self, points):
        return self.pts_backbone(points)

    def forward(self, return_loss=True, **kwargs):
        if return_loss:
            return self.forward_train(**kwargs)
        with torch.no_grad():
            return self.pts_bbox_head(self.extract_pts_feat(kwargs["points"]))

    def forward_train(self, points, gt_bboxes_3d, gt_heatmap):
        pts_feats = self.extract_pts_feat(points)
        preds_dicts = self.pts_bbox_head(pts_feats)
        return self.pts_bbox_head.loss(gt_bboxes_3d, gt_heatmap, preds_dicts)
