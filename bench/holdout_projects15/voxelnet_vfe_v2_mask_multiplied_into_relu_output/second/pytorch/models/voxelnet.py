import torch
from torch import nn
from torch.nn import functional as F

from second.pytorch.core import losses
from second.pytorch.models.pointpillars import PillarFeatureNet, PointPillarsScatter
from second.pytorch.utils import Empty, change_default_args, get_paddings_indicator


class VFELayer(nn.Module):
    def __init__(self, in_channels, out_channels, use_norm=True, name="vfe"):
        super().__init__()
        self.name = name
        self.units = int(out_channels / 2)
        if use_norm:
            BatchNorm1d = change_default_args(eps=1e-3, momentum=0.01)(nn.BatchNorm1d)
            Linear = change_default_args(bias=False)(nn.Linear)
        else:
            BatchNorm1d = Empty
            Linear = change_default_args(bias=True)(nn.Linear)
        self.linear = Linear(in_channels, self.units)
        self.norm = BatchNorm1d(self.units)

    def forward(self, inputs):
        # [K, T, 7] tensordot [7, units] = [K, T, units]
        voxel_count = inputs.shape[1]
        x = self.linear(inputs)
        x = self.norm(x.permute(0, 2, 1).contiguous()).permute(0, 2, 1).contiguous()
        pointwise = F.relu(x)
        # [K, T, units]
        aggregated = torch.max(pointwise, dim=1, keepdim=True)[0]
        # [K, 1, units]
        repeated = aggregated.repeat(1, voxel_count, 1)
        concatenated = torch.cat([pointwise, repeated], dim=2)
        # [K, T, 2 * units]
        return concatenated


class VoxelFeatureExtractor(nn.Module):
    def __init__(
        self,
        num_input_features=4,
        use_norm=True,
        num_filters=(32, 128),
        with_distance=False,
        voxel_size=None,
        pc_range=None,
        name="VoxelFeatureExtractor",
    ):
        super().__init__()
        self.name = name
        if use_norm:
            BatchNorm1d = change_default_args(eps=1e-3, momentum=0.01)(nn.BatchNorm1d)
            Linear = change_default_args(bias=False)(nn.Linear)
        else:
            BatchNorm1d = Empty
            Linear = change_default_args(bias=True)(nn.Linear)
        assert len(num_filters) == 2
        num_input_features += 3  # add mean features
        if with_distance:
            num_input_features += 1
        self._with_distance = with_distance
        self.vfe1 = VFELayer(num_input_features, num_filters[0], use_norm)
        self.vfe2 = VFELayer(num_filters[0], num_filters[1], use_norm)
        self.linear = Linear(num_filters[1], num_filters[1])
        self.norm = BatchNorm1d(num_filters[1])

    def forward(self, features, num_voxels, coors):
        # features: [concated_num_points, num_voxel_size, 3(4)]
        # num_voxels: [concated_num_points]
        points_mean = features[:, :, :3].sum(dim=1, keepdim=True) / num_voxels.type_as(features).view(
            -1, 1, 1
        )
        features_relative = features[:, :, :3] - points_mean
        if self._with_distance:
            points_dist = torch.norm(features[:, :, :3], 2, 2, keepdim=True)
            features = torch.cat([features, features_relative, points_dist], dim=-1)
        else:
            features = torch.cat([features, features_relative], dim=-1)
        voxel_count = features.shape[1]
        mask = get_paddings_indicator(num_voxels, voxel_count, axis=0)
        mask = torch.unsqueeze(mask, -1).type_as(features)
        x = self.vfe1(features)
        x *= mask
        x = self.vfe2(x)
        x *= mask
        x = self.linear(x)
        x = self.norm(x.permute(0, 2, 1).contiguous()).permute(0, 2, 1).contiguous()
        x = F.relu(x)
        x *= mask
        # x: [concated_num_points, num_voxel_size, 128]
        voxelwise = torch.max(x, dim=1)[0]
        return voxelwise


class VoxelFeatureExtractorV2(nn.Module):
    def __init__(
        self,
        num_input_features=4,
        use_norm=True,
        num_filters=(32, 128),
        with_distance=False,
        voxel_size=None,
        pc_range=None,
        name="VoxelFeatureExtractor",
    ):
        super().__init__()
        self.name = name
        if use_norm:
            BatchNorm1d = change_default_args(eps=1e-3, momentum=0.01)(nn.BatchNorm1d)
            Linear = change_default_args(bias=False)(nn.Linear)
        else:
            BatchNorm1d = Empty
            Linear = change_default_args(bias=True)(nn.Linear)
        assert len(num_filters) > 0
        num_input_features += 3
        if with_distance:
            num_input_features += 1
        self._with_distance = with_distance

        num_filters = [num_input_features, *list(num_filters)]
        filters_pairs = [[num_filters[i], num_filters[i + 1]] for i in range(len(num_filters) - 1)]
        self.vfe_layers = nn.ModuleList([VFELayer(i, o, use_norm) for i, o in filters_pairs])
        self.linear = Linear(num_filters[-1], num_filters[-1])
        self.norm = BatchNorm1d(num_filters[-1])

    def forward(self, features, num_voxels, coors):
        points_mean = features[:, :, :3].sum(dim=1, keepdim=True) / num_voxels.type_as(features).view(
            -1, 1, 1
        )
        features_relative = features[:, :, :3] - points_mean
        if self._with_distance:
            points_dist = torch.norm(features[:, :, :3], 2, 2, keepdim=True)
            features = torch.cat([features, features_relative, points_dist], dim=-1)
        else:
            features = torch.cat([features, features_relative], dim=-1)
        voxel_count = features.shape[1]
        mask = get_paddings_indicator(num_voxels, voxel_count, axis=0)
        mask = torch.unsqueeze(mask, -1).type_as(features)
        for vfe in self.vfe_layers:
            features = vfe(features)
            features *= mask
        features = self.linear(features)
        features = self.norm(features.permute(0, 2, 1).contiguous()).permute(0, 2, 1).contiguous()
        features = F.relu(features)  # saver
        features *= mask  # expect: GG002
        # x: [concated_num_points, num_voxel_size, 128]
        voxelwise = torch.max(features, dim=1)[0]
        return voxelwise


class RPN(nn.Module):
    def __init__(self, num_input_features=128, num_filters=32, num_anchor_per_loc=2, box_code_size=7):
        super().__init__()
        self.block = nn.Sequential(
            nn.Conv2d(num_input_features, num_filters, 3, padding=1, bias=False),
            nn.BatchNorm2d(num_filters, eps=1e-3, momentum=0.01),
            nn.ReLU(),
        )
        self.conv_cls = nn.Conv2d(num_filters, num_anchor_per_loc, 1)
        self.conv_box = nn.Conv2d(num_filters, num_anchor_per_loc * box_code_size, 1)

    def forward(self, x):
        x = self.block(x)
        return {"box_preds": self.conv_box(x), "cls_preds": self.conv_cls(x)}


class VoxelNet(nn.Module):
    def __init__(
        self,
        output_shape,
        num_input_features=4,
        vfe_class_name="VoxelFeatureExtractor",
        vfe_num_filters=(32, 128),
        with_distance=False,
        middle_class_name="PointPillarsScatter",
        rpn_num_filters=32,
        use_norm=True,
        voxel_size=(0.2, 0.2, 4),
        pc_range=(0, -40, -3, 70.4, 40, 1),
        cls_loss_weight=1.0,
        loc_loss_weight=2.0,
        name="voxelnet",
    ):
        super().__init__()
        self.name = name
        self._cls_loss_weight = cls_loss_weight
        self._loc_loss_weight = loc_loss_weight
        vfe_class_dict = {
            "VoxelFeatureExtractor": VoxelFeatureExtractor,
            "VoxelFeatureExtractorV2": VoxelFeatureExtractorV2,
            "PillarFeatureNet": PillarFeatureNet,
        }
        vfe_class = vfe_class_dict[vfe_class_name]
        self.voxel_feature_extractor = vfe_class(
            num_input_features,
            use_norm,
            num_filters=vfe_num_filters,
            with_distance=with_distance,
            voxel_size=voxel_size,
            pc_range=pc_range,
        )
        mid_class_dict = {"PointPillarsScatter": PointPillarsScatter}
        mid_class = mid_class_dict[middle_class_name]
        self.middle_feature_extractor = mid_class(
            output_shape=output_shape, num_input_features=vfe_num_filters[-1]
        )
        self.rpn = RPN(num_input_features=vfe_num_filters[-1], num_filters=rpn_num_filters)
        self.loc_loss_ftor = losses.WeightedSmoothL1LocalizationLoss()
        self.cls_loss_ftor = losses.SigmoidFocalClassificationLoss()

    def forward(self, example):
        voxels = example["voxels"]
        num_points = example["num_points"]
        coors = example["coordinates"]
        batch_size = example["batch_size"]
        voxel_features = self.voxel_feature_extractor(voxels, num_points, coors)
        spatial_features = self.middle_feature_extractor(voxel_features, coors, batch_size)
        preds_dict = self.rpn(spatial_features)
        if not self.training:
            return preds_dict
        loc_loss = self.loc_loss_ftor(preds_dict["box_preds"], example["reg_targets"])
        cls_loss = self.cls_loss_ftor(preds_dict["cls_preds"], example["labels"])
        loss = self._loc_loss_weight * loc_loss + self._cls_loss_weight * cls_loss
        return {"loss": loss, "cls_loss": cls_loss, "loc_loss": loc_loss}
