import torch.nn as nn

from .. import builder
from ..builder import DETECTORS


@DETECTORS.register_module
class SingleStageDetector(nn.Module):
    def __init__(self, backbone=None, neck=None, bbox_head=None, extra_head=None, train_cfg=None, test_cfg=None):
        super(SingleStageDetector, self).__init__()
        self.backbone = backbone
        if neck is not None:
            self.neck = builder.build_neck(neck)
        if bbox_head is not None:
            self.rpn_head = builder.build_single_stage_head(bbox_head)
        if extra_head is not None:
            self.extra_head = builder.build_single_stage_head(extra_head)
        else:
            self.extra_head = None
        self.train_cfg = train_cfg
        self.test_cfg = test_cfg

    @property
    def with_rpn(self):
        return hasattr(self, "rpn_head") and self.rpn_head is not None

    def merge_second_batch(self, batch_args):
        ret = {}
        for key, elems in batch_args.items():
            ret[key] = elems
        return ret

    def forward_train(self, img_meta, **kwargs):
        batch_size = len(img_meta)

        ret = self.merge_second_batch(kwargs)

        x, conv6, point_misc = self.neck(ret["voxels"], batch_size, is_test=False)

        losses = dict()

        # RPN forward and loss
        if self.with_rpn:
            rpn_outs = self.rpn_head(x)
            rpn_loss_inputs = rpn_outs + (
                ret["gt_bboxes"],
                ret["gt_labels"],
                ret["anchors"],
                ret["anchors_mask"],
                self.train_cfg["rpn"],
            )
            rpn_losses = self.rpn_head.loss(*rpn_loss_inputs)
            losses.update(rpn_losses)
            guided_anchors, _ = self.rpn_head.get_guided_anchors(
                *rpn_outs,
                ret["anchors"],
                ret["anchors_mask"],
                ret["gt_bboxes"],
                ret["gt_labels"],
                thr=self.train_cfg["rpn"]["anchor_thr"],
            )
        else:
            raise NotImplementedError

        # bbox head forward and loss
        if self.extra_head:
            bbox_score = self.extra_head(conv6, guided_anchors)
            refine_loss_inputs = (bbox_score, ret["gt_bboxes"], ret["gt_labels"], guided_anchors, self.train_cfg["extra"])
            refine_losses = self.extra_head.loss(*refine_loss_inputs)
            losses.update(refine_losses)

        return losses

    def forward(self, img_meta, return_loss=True, **kwargs):
        if return_loss:
            return self.forward_train(img_meta, **kwargs)
        raise NotImplementedError("only training is re-laid out here")
