# case: SA-SSD training (tools/train.py -> train_utils -> SingleStageDetector.forward_train): the RPN's decoded boxes, which require grad, become the guided anchors of the part-sensitive warp head, whose `gen_sample_grid` (mmdet/models/single_stage_heads/ssd_rotate_head.py) splits each box into its columns with `torch.split` and then calls `unsqueeze_` on those split outputs, an in-place op on the views of a multi-output function (the error)
# source: https://github.com/skyhehe123/SA-SSD/issues/98
# pythonpath: .
import random

import numpy as np
import torch
from train_utils import train_model

from configs import car_cfg as cfg
from mmdet.datasets.kitti import KittiLiDAR, build_dataloader
from mmdet.models import build_detector


def set_random_seed(seed):
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def main():
    set_random_seed(0)

    dataset = KittiLiDAR(cfg.data["num_samples"], cfg.data["grid_size"], cfg.data["num_gt"])
    train_loader = build_dataloader(dataset, cfg.data["imgs_per_gpu"])

    model = build_detector(cfg.model, train_cfg=cfg.train_cfg)

    optimizer = torch.optim.AdamW(model.parameters(), lr=cfg.optimizer["lr"], weight_decay=cfg.optimizer["weight_decay"])
    lr_scheduler = torch.optim.lr_scheduler.MultiStepLR(optimizer, cfg.lr_config["step"], cfg.lr_config["gamma"])

    train_model(model, optimizer, train_loader, lr_scheduler, cfg.total_epochs, log_interval=cfg.log_config["interval"])


if __name__ == "__main__":
    main()
