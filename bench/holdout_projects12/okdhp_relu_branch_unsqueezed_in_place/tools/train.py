# ------------------------------------------------------------------------------
# Copyright (c) Microsoft
# Licensed under the MIT License.
# Written by Bin Xiao (Bin.Xiao@microsoft.com)
# ------------------------------------------------------------------------------
# case: OKDHP online knowledge distillation for pose (tools/train.py -> `eval('models.' + cfg.MODEL.NAME + '.get_pose_net')` with MODEL.NAME hourglass_okd from the experiment YAML -> lib/models/hourglass_okd.py; the loss is backpropagated in `train` of lib/core/function_okd.py): the branch-attention convolutions end in nn.ReLU(inplace=False), which saves its output, and `conv(x).unsqueeze_(dim=1)` changes that output in place (the "[16, 256, 64, 64]], which is output 0 of ReluBackward0, is at version 1; expected version 0")
# source: https://github.com/zhengli97/OKDHP/issues/6
from __future__ import absolute_import
from __future__ import division
from __future__ import print_function

import argparse
import os
import pprint

import torch
import torch.backends.cudnn as cudnn
import torch.optim
import torch.utils.data

import _init_paths
from config import cfg
from config import update_config
from core.loss import JointsMSELoss, JointsKLDLoss
from core.function_okd import train
from core.function_okd import validate, get_current_consistency_weight
from utils.utils import get_optimizer
from utils.utils import create_logger

import dataset
import models


def parse_args():
    parser = argparse.ArgumentParser(description='Train keypoints network')
    # general
    parser.add_argument('--cfg',
                        help='experiment configure file name',
                        default=os.path.join(os.path.dirname(__file__), '..', 'experiments', 'mpii', 'hourglass',
                                             'hg2_64x64_d16x3_adam_lr2.5e-4.yaml'),
                        type=str)

    parser.add_argument('opts',
                        help="Modify config options using the command-line",
                        default=None,
                        nargs=argparse.REMAINDER)

    args = parser.parse_args()

    return args


def main():
    args = parse_args()
    update_config(cfg, args)
    torch.manual_seed(0)

    logger, final_output_dir, tb_log_dir = create_logger(
        cfg, args.cfg, 'train')

    logger.info(pprint.pformat(args))

    # cudnn related setting
    cudnn.benchmark = cfg.CUDNN.BENCHMARK
    torch.backends.cudnn.deterministic = cfg.CUDNN.DETERMINISTIC
    torch.backends.cudnn.enabled = cfg.CUDNN.ENABLED

    model = eval('models.' + cfg.MODEL.NAME + '.get_pose_net')(
        cfg, is_train=True
    )

    # define loss function (criterion) and optimizer
    criterion = JointsMSELoss(
        use_target_weight=cfg.LOSS.USE_TARGET_WEIGHT
    )

    criterion_kd = JointsKLDLoss()

    train_dataset = eval('dataset.' + cfg.DATASET.DATASET)(
        cfg, cfg.DATASET.ROOT, cfg.DATASET.TRAIN_SET, True, None
    )

    valid_dataset = eval('dataset.' + cfg.DATASET.DATASET)(
        cfg, cfg.DATASET.ROOT, cfg.DATASET.TEST_SET, False, None
    )

    train_loader = torch.utils.data.DataLoader(
        train_dataset,
        batch_size=cfg.TRAIN.BATCH_SIZE_PER_GPU * len(cfg.GPUS),
        shuffle=cfg.TRAIN.SHUFFLE,
        num_workers=0,
        pin_memory=cfg.PIN_MEMORY
    )

    valid_loader = torch.utils.data.DataLoader(
        valid_dataset,
        batch_size=cfg.TEST.BATCH_SIZE_PER_GPU * len(cfg.GPUS),
        shuffle=False,
        num_workers=0,
        pin_memory=cfg.PIN_MEMORY
    )

    best_perf = -1e9
    last_epoch = -1
    optimizer = get_optimizer(cfg, model)
    begin_epoch = cfg.TRAIN.BEGIN_EPOCH

    lr_scheduler = torch.optim.lr_scheduler.MultiStepLR(
        optimizer, cfg.TRAIN.LR_STEP, cfg.TRAIN.LR_FACTOR,
        last_epoch=last_epoch
    )

    kd_weight = cfg.TRAIN.KD_WEIGHT
    ens_weight = cfg.TRAIN.ENS_WEIGHT

    for epoch in range(begin_epoch, cfg.TRAIN.END_EPOCH):

        consistency_weight = get_current_consistency_weight(epoch, cfg.TRAIN.LENGTH)

        # train for one epoch
        train(cfg, train_loader, model, criterion, criterion_kd, consistency_weight, kd_weight, ens_weight,
              optimizer, epoch, final_output_dir, tb_log_dir, None)

        lr_scheduler.step()

        # evaluate on validation set
        perf_indicator, perf_branch_num = validate(
            cfg, valid_loader, valid_dataset, model, criterion, epoch,
            final_output_dir, tb_log_dir, None
        )

        if perf_indicator >= best_perf:
            best_perf = perf_indicator
            logger.info('-----------Best Branch Score Update---------')

        logger.info(f'Now Best Score: {best_perf:.3f}, Epoch: {epoch}')


if __name__ == '__main__':
    main()
