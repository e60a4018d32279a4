from second.pytorch.models.voxelnet import VoxelNet


def build(model_cfg, voxel_generator):
    """build second pytorch instance."""
    vfe_cfg = model_cfg["voxel_feature_extractor"]
    grid_size = voxel_generator.grid_size
    dense_shape = [1, *grid_size[::-1].tolist()]
    return VoxelNet(
        dense_shape,
        num_input_features=model_cfg["num_point_features"],
        vfe_class_name=vfe_cfg["module_class_name"],
        vfe_num_filters=list(vfe_cfg["num_filters"]),
        with_distance=vfe_cfg.get("with_distance", False),
        middle_class_name=model_cfg["middle_feature_extractor"]["module_class_name"],
        rpn_num_filters=model_cfg["rpn"]["num_filters"],
        use_norm=model_cfg.get("use_norm", True),
        voxel_size=voxel_generator.voxel_size,
        pc_range=voxel_generator.point_cloud_range,
        cls_loss_weight=model_cfg["loss"]["classification_weight"],
        loc_loss_weight=model_cfg["loss"]["localization_weight"],
    )
