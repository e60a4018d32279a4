plugin = True
plugin_dir = "projects/mmdet3d_plugin/"

point_cloud_range = [-54.0, -54.0, -5.0, 54.0, 54.0, 3.0]
class_names = ["car", "pedestrian"]
voxel_size = [13.5, 13.5, 0.2]
out_size_factor = 1
inter_channel = 16

model = dict(
    type="FocalFormer3D",
    in_channels=4,
    bev_channels=inter_channel,
    pts_bbox_head=dict(
        type="FocalDecoder",
        roi_feats=2,
        roi_based_reg=True,
        roi_expand_ratio=1.2,
        heatmap_box=False,
        bevpos=True,
        num_proposals=6,
        hidden_channel=inter_channel,
        num_classes=len(class_names),
        num_decoder_layers=1,
        num_heads=2,
        nms_kernel_size=3,
        common_heads=dict(center=(2, 2), height=(1, 2), dim=(3, 2), rot=(2, 2), vel=(2, 2)),
        bbox_coder=dict(pc_range=point_cloud_range[:2], voxel_size=voxel_size[:2], out_size_factor=out_size_factor),
        decoder_cfg=dict(type="DetrTransformerDecoderLayer", ffn_channels=32, dropout=0.0),
    ),
)

optimizer = dict(type="AdamW", lr=1e-4, weight_decay=0.01)
optimizer_config = dict(grad_clip=dict(max_norm=35, norm_type=2))
total_epochs = 1
