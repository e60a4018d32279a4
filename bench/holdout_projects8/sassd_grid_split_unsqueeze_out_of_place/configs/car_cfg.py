# model settings (tiny BEV grid, one class)
model = dict(
    type="SingleStageDetector",
    neck=dict(type="SpMiddleFHD", num_input_features=4, num_hidden=8),
    bbox_head=dict(
        type="SSDRotateHead",
        num_class=1,
        num_output_filters=8,
        num_anchor_per_loc=2,
        use_sigmoid_cls=True,
        encode_rad_error_by_sin=True,
        use_direction_classifier=True,
        box_code_size=7,
    ),
    extra_head=dict(
        type="PSWarpHead",
        grid_offsets=(0.0, 4.0),
        featmap_stride=1.0,
        in_channels=8,
        num_class=1,
        num_parts=28,
    ),
)
# training settings
train_cfg = dict(
    rpn=dict(assigner=dict(pos_dist_thr=0.6, neg_dist_thr=1.2), anchor_thr=0.1),
    extra=dict(assigner=dict(pos_dist_thr=0.5, neg_dist_thr=1.0)),
)
# dataset settings
data = dict(imgs_per_gpu=2, num_samples=2, grid_size=(8, 8), num_gt=2)
# optimizer
optimizer = dict(type="AdamW", lr=0.003, weight_decay=0.01)
lr_config = dict(step=[1], gamma=0.1)
total_epochs = 1
log_config = dict(interval=1)
