# Copyright (c) 2022-2023, NVIDIA Corporation & Affiliates. All rights reserved.
# Re-typed and shrunk for a CPU test project (see the README of the hold-out set).
import copy

import torch
import torch.nn.functional as F
from torch import nn

from ...core import HEADS
from ..utils.decoder_utils import FFN
from ..utils.transformer import build_transformer_layer_sequence
from ..utils.utils import MLP, gen_sineembed_for_position, rotation_2d_in_axis


@HEADS.register_module()
class FocalDecoder(nn.Module):
    def __init__(
        self,
        num_proposals=128,
        hidden_channel=128,
        num_classes=4,
        # config for Transformer
        num_decoder_layers=1,
        num_heads=8,
        nms_kernel_size=1,
        # config for FFN
        common_heads=dict(),
        num_heatmap_convs=2,
        bias="auto",
        # others
        bbox_coder=None,
        heatmap_box=False,
        bevpos=False,
        roi_feats=0,
        roi_based_reg=False,
        roi_expand_ratio=1.0,
        decoder_cfg=None,
        **kwargs,
    ):
        super(FocalDecoder, self).__init__()

        self.num_classes = num_classes
        self.num_proposals = num_proposals
        self.bias = bias
        self.num_heads = num_heads
        self.nms_kernel_size = nms_kernel_size
        self.num_decoder_layers = num_decoder_layers
        self.heatmap_box = heatmap_box
        self.bevpos = bevpos
        self.roi_feats = roi_feats
        self.roi_based_reg = roi_based_reg
        self.roi_expand_ratio = [roi_expand_ratio] * self.num_decoder_layers
        self.bbox_coder = bbox_coder
        self.decoder_cfg = decoder_cfg

        self.shared_conv = nn.Conv2d(hidden_channel, hidden_channel, kernel_size=3, padding=1, bias=True)
        self.heatmap_head = nn.Sequential(
            nn.Conv2d(hidden_channel, hidden_channel, kernel_size=3, padding=1, bias=False),
            nn.BatchNorm2d(hidden_channel),
            nn.ReLU(inplace=True),
            nn.Conv2d(hidden_channel, num_classes, kernel_size=3, padding=1, bias=True),
        )
        self.class_encoding = nn.Conv1d(num_classes, hidden_channel, 1)

        if self.roi_feats:
            fc_list = []
            pre_channel = hidden_channel * self.roi_feats**2
            for k in range(2):
                fc_list.extend(
                    [nn.Linear(pre_channel, hidden_channel, bias=False), nn.LayerNorm(hidden_channel), nn.ReLU(inplace=True)]
                )
                pre_channel = hidden_channel
            self.roi_mlp = nn.Sequential(*fc_list)

        # transformer decoder layers for object query with LiDAR feature
        self.decoder = nn.ModuleList()
        self.pos_embed_learned = nn.ModuleList()
        for i in range(self.num_decoder_layers):
            self.decoder.append(build_transformer_layer_sequence(self.decoder_cfg, hidden_channel, num_heads))
            self.pos_embed_learned.append(MLP(32, hidden_channel, hidden_channel, 2))

        # Prediction Head
        self.prediction_heads = nn.ModuleList()
        for i in range(self.num_decoder_layers):
            heads = copy.deepcopy(common_heads)
            heads.update(dict(heatmap=(self.num_classes, num_heatmap_convs)))
            self.prediction_heads.append(FFN(hidden_channel, heads, head_conv=hidden_channel, bias=bias))

        self.init_weights()

    def init_weights(self):
        # initialize transformer
        for m in self.decoder.parameters():
            if m.dim() > 1:
                nn.init.xavier_uniform_(m)
        for head in self.prediction_heads:
            head.init_weights()

    def create_2D_grid(self, x_size, y_size):
        meshgrid = [[0, x_size - 1, x_size], [0, y_size - 1, y_size]]
        batch_y, batch_x = torch.meshgrid(*[torch.linspace(it[0], it[1], it[2]) for it in meshgrid], indexing="ij")
        batch_x = batch_x + 0.5
        batch_y = batch_y + 0.5
        coord_base = torch.cat([batch_x[None], batch_y[None]], dim=0)[None]
        coord_base = coord_base.view(1, 2, -1).permute(0, 2, 1)
        return coord_base

    @staticmethod
    def get_dense_grid_points(rois, batch_size_rcnn, grid_size):
        faked_features = rois.new_ones((grid_size, grid_size))
        dense_idx = faked_features.nonzero()  # (N, 2) [x_idx, y_idx]
        dense_idx = dense_idx.repeat(batch_size_rcnn, 1, 1).float()  # (B, grid_size * grid_size, 2)

        local_roi_size = rois.view(batch_size_rcnn, -1)[:, 3:5]
        roi_grid_points = (dense_idx + 0.5) / grid_size * local_roi_size.unsqueeze(dim=1) - (
            local_roi_size.unsqueeze(dim=1) / 2
        )  # (B, grid_size * grid_size, 2)
        return roi_grid_points

    def forward(self, inputs):
        batch_size = inputs.shape[0]
        lidar_feat = self.shared_conv(inputs)
        lidar_feat_flatten = lidar_feat.view(batch_size, lidar_feat.shape[1], -1)  # [BS, C, H*W]
        bev_pos = self.create_2D_grid(lidar_feat.shape[-2], lidar_feat.shape[-1]).to(lidar_feat.device)
        bev_pos = bev_pos.repeat(batch_size, 1, 1)

        #################################
        # image guided query initialization
        #################################
        dense_heatmap = self.heatmap_head(lidar_feat)
        heatmap = dense_heatmap.detach().sigmoid()
        padding = self.nms_kernel_size // 2
        local_max = torch.zeros_like(heatmap)
        local_max_inner = F.max_pool2d(heatmap, kernel_size=self.nms_kernel_size, stride=1, padding=0)
        local_max[:, :, padding:(-padding), padding:(-padding)] = local_max_inner
        heatmap = heatmap * (heatmap == local_max)
        heatmap = heatmap.view(batch_size, heatmap.shape[1], -1)

        # top #num_proposals among all classes
        top_proposals = heatmap.view(batch_size, -1).argsort(dim=-1, descending=True)[..., : self.num_proposals]
        top_proposals_class = top_proposals // heatmap.shape[-1]
        top_proposals_index = top_proposals % heatmap.shape[-1]
        query_feat = lidar_feat_flatten.gather(
            index=top_proposals_index[:, None, :].expand(-1, lidar_feat_flatten.shape[1], -1), dim=-1
        )
        self.query_labels = top_proposals_class

        # add category embedding
        one_hot = F.one_hot(top_proposals_class, num_classes=self.num_classes).permute(0, 2, 1)
        query_cat_encoding = self.class_encoding(one_hot.float())
        query_feat = query_feat + query_cat_encoding

        query_pos = bev_pos.gather(index=top_proposals_index[:, None, :].permute(0, 2, 1).expand(-1, -1, bev_pos.shape[-1]), dim=1)
        query_box = None

        ret_dicts = []
        for i in range(self.num_decoder_layers):
            num_proposals_new = self.num_proposals

            ################### Transformer Inputs ##############
            spatial_shapes = torch.as_tensor([[lidar_feat.shape[-2], lidar_feat.shape[-1]]], dtype=torch.long)
            reference_points = query_pos / torch.flip(spatial_shapes[:1], dims=(1,))[:, None]
            query_sine_pos = gen_sineembed_for_position(reference_points[:, :, :2])
            query_pos_embed = self.pos_embed_learned[i](query_sine_pos)  # bs, nq, C

            if self.bevpos:
                bev_reference_points = bev_pos / torch.flip(spatial_shapes[:1], dims=(1,))[:, None]
                bev_sine_pos = gen_sineembed_for_position(bev_reference_points[:, :, :2])
                bev_pos_embed = self.pos_embed_learned[i](bev_sine_pos)  # bs, nq, C
                pos_lidar_feat_flatten = lidar_feat_flatten + bev_pos_embed.transpose(1, 2)
            else:
                pos_lidar_feat_flatten = lidar_feat_flatten

            if self.roi_feats and query_box is not None:
                rot, dim, center, height = query_box[:, 6:8], query_box[:, 3:6], query_box[:, 0:2], query_box[:, 2:3]
                # x, y, z, dx, dy, dz, yaw (the repository decodes them with its bbox coder)
                std_boxes = torch.cat(
                    [
                        center.clone(),
                        height.clone(),
                        dim.clone().exp() * self.roi_expand_ratio[i],
                        torch.atan2(rot[:, 0:1], rot[:, 1:2]),
                    ],
                    dim=1,
                )
                std_boxes = std_boxes.permute(0, 2, 1).reshape(batch_size * num_proposals_new, std_boxes.shape[1])
                grid_points = self.get_dense_grid_points(std_boxes, batch_size * num_proposals_new, self.roi_feats)
                grid_points = rotation_2d_in_axis(grid_points, std_boxes[:, 6])
                grid_points = grid_points + std_boxes[:, None, :2]
                grid_points = grid_points.view(batch_size, num_proposals_new, self.roi_feats**2, 2)

                grid_points = grid_points / torch.flip(spatial_shapes[:1], dims=(1,)).float()
                grid_points = grid_points * 2.0 - 1.0
                grid_points = grid_points.clip(min=-2.0, max=2.0)

                roi_feat = F.grid_sample(
                    lidar_feat_flatten.view(batch_size, -1, *lidar_feat.shape[-2:]), grid_points, align_corners=False
                )  # W, H
                roi_feat = roi_feat.permute(0, 2, 1, 3).reshape(
                    batch_size * num_proposals_new, lidar_feat_flatten.shape[1] * self.roi_feats**2
                )
                roi_feat = self.roi_mlp(roi_feat)
                roi_feat = roi_feat.view(batch_size, num_proposals_new, lidar_feat_flatten.shape[1]).transpose(1, 2)
                query_feat += roi_feat

            # Transformer Decoder Layer
            # :param query: B C Pq    :param query_pos: B Pq 3/6
            query_feat, reference_points = self.decoder[i](
                query=query_feat.permute(2, 0, 1),
                key=None,
                value=pos_lidar_feat_flatten.permute(2, 0, 1),
                query_pos=query_pos_embed.permute(1, 0, 2),
                reference_points=reference_points,
            )

            query_feat = query_feat.permute(1, 2, 0)
            query_pos = reference_points * torch.flip(spatial_shapes[:1], dims=(1,))[:, None]

            # Prediction
            res_layer = self.prediction_heads[i](query_feat)

            res_layer["center"] = res_layer["center"] + query_pos.permute(0, 2, 1)
            # for next level positional embedding
            query_pos = res_layer["center"].detach().clone().permute(0, 2, 1)

            if self.roi_based_reg and query_box is not None:  # only for bev
                res_layer["dim"][:, :2] = res_layer["dim"][:, :2] + query_box[:, 3:5].detach()
                res_layer["rot"] = res_layer["rot"] + query_box[:, 6:8].detach()

            query_box = [res_layer["center"], res_layer["height"], res_layer["dim"], res_layer["rot"]]
            if "vel" in res_layer:
                query_box.append(res_layer["vel"])
            query_box = torch.cat(query_box, dim=1).detach()
            ret_dicts.append(res_layer)

        ret_dicts[0]["dense_heatmap"] = dense_heatmap
        return ret_dicts

    def loss(self, gt_bboxes_3d, gt_heatmap, preds_dicts):
        """Heatmap focal loss on the dense heatmap, L1 box and BCE classification losses for every decoder layer
        (the repository assigns the predictions to the ground truth with a Hungarian matcher first)."""
        loss_dict = dict()
        pred_heatmap = preds_dicts[0]["dense_heatmap"].sigmoid().clamp(1e-4, 1 - 1e-4)
        pos_loss = -torch.log(pred_heatmap) * (1 - pred_heatmap) ** 2 * gt_heatmap
        neg_loss = -torch.log(1 - pred_heatmap) * pred_heatmap**2 * (1 - gt_heatmap) ** 4
        loss_dict["loss_heatmap"] = (pos_loss + neg_loss).sum() / max(gt_heatmap.sum().item(), 1.0)

        for idx_layer, preds in enumerate(preds_dicts):
            prefix = "layer_-1" if idx_layer == self.num_decoder_layers - 1 else f"layer_{idx_layer}"
            boxes = torch.cat([preds["center"], preds["height"], preds["dim"], preds["rot"], preds["vel"]], dim=1)
            loss_dict[f"{prefix}_loss_bbox"] = 0.25 * F.l1_loss(boxes, gt_bboxes_3d)
            labels = F.one_hot(self.query_labels, num_classes=self.num_classes).permute(0, 2, 1).float()
            loss_dict[f"{prefix}_loss_cls"] = F.binary_cross_entropy_with_logits(preds["heatmap"], labels)
        return loss_dict
