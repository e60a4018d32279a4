model = {
    "num_point_features": 4,
    "use_norm": True,
    "voxel_feature_extractor": {
        "module_class_name": "PillarFeatureNet",
        "num_filters": [16, 32],
        "with_distance": False,
    },
    "middle_feature_extractor": {"module_class_name": "PointPillarsScatter"},
    "rpn": {"num_filters": 16},
    "loss": {"classification_weight": 1.0, "localization_weight": 2.0},
}

voxel_generator = {
    "voxel_size": [0.4, 0.4, 4.0],
    "point_cloud_range": [0.0, -3.2, -3.0, 6.4, 3.2, 1.0],
    "max_number_of_points_per_voxel": 8,
}

train_input_reader = {"batch_size": 2, "max_num_voxels": 24, "steps": 3}
