# case: FocalFormer3D: with num_decoder_layers=2 in the config, the second pass of FocalDecoder's layer loop adds the RoI features to query_feat with +=, but query_feat is the permuted output of the first decoder layer, which the first prediction head's Conv1d (decoder_utils.py) saved for backward
# source: https://github.com/NVlabs/FocalFormer3D/issues/25
# pythonpath: .
import argparse
import importlib
import os

import torch

from projects.mmdet3d_plugin.core import DETECTORS, Config, build_from_cfg


def parse_args():
    parser = argparse.ArgumentParser(description="Train a detector")
    parser.add_argument("config", nargs="?", default="projects/configs/focalformer3d/FocalFormer3D_L.py", help="train config file path")
    parser.add_argument("--seed", type=int, default=0, help="random seed")
    return parser.parse_args()


def build_dataset(cfg, n_samples=4, batch_size=2):
    """Rasterised point clouds with box targets and a target heatmap (random here; nuScenes in the repository)."""
    generator = torch.Generator().manual_seed(0)
    head = cfg.model.pts_bbox_head
    batches = []
    for _ in range(n_samples // batch_size):
        batches.append(
            dict(
                points=torch.randn(batch_size, cfg.model.in_channels, 8, 8, generator=generator),
                gt_bboxes_3d=torch.randn(batch_size, 10, head.num_proposals, generator=generator),
                gt_heatmap=torch.rand(batch_size, head.num_classes, 8, 8, generator=generator).pow(4),
            )
        )
    return batches


def main():
    args = parse_args()
    cfg = Config.fromfile(args.config)

    # import modules from plguin/xx, registry will be updated
    if cfg.get("plugin", False):
        plugin_dir = cfg.plugin_dir
        _module_dir = os.path.dirname(plugin_dir)
        _module_path = ".".join(_module_dir.split("/"))
        print(_module_path)
        importlib.import_module(_module_path)

    torch.manual_seed(args.seed)
    model = build_from_cfg(cfg.model, DETECTORS)
    datasets = build_dataset(cfg)

    from projects.mmdet3d_plugin.apis import custom_train_detector

    custom_train_detector(model, datasets, cfg)


if __name__ == "__main__":
    main()
