"""
Train and eval functions used in main_pruning.py
"""

import math
import sys
from typing import Iterable

import torch
import utils
from losses import DistillationLoss


def train_one_epoch_pruning(
    model: torch.nn.Module,
    criterion: DistillationLoss,
    data_loader: Iterable,
    optimizer1: torch.optim.Optimizer,
    optimizer2: torch.optim.Optimizer,
    device: torch.device,
    epoch: int,
    loss_scaler,
    max_norm: float = 0,
    set_training_mode=True,
):
    model.train(set_training_mode)
    model_without_ddp = model.module if hasattr(model, "module") else model
    metric_logger = utils.MetricLogger(delimiter="  ")
    header = "Epoch: [{}]".format(epoch)
    print_freq = 10

    for samples, targets in metric_logger.log_every(data_loader, print_freq, header):
        samples = samples.to(device, non_blocking=True)
        targets = targets.to(device, non_blocking=True)

        with torch.autocast(device_type="cpu", enabled=False):
            outputs, msa_indicators_list, msa_thresholds_list, ffn_indicators_list = model(samples)
            loss_cls = criterion(samples, outputs, targets)

            if not model_without_ddp.assigned_indicators:
                loss_bop = model_without_ddp.calculate_bops_loss()
                loss = loss_cls + loss_bop
            else:
                loss_bop = torch.zeros(1).to(loss_cls.device)
                loss = loss_cls

        loss_value = loss.item()

        if not math.isfinite(loss_value):
            print("Loss is {}, stopping training".format(loss_value))
            sys.exit(1)

        optimizer1.zero_grad()
        optimizer2.zero_grad()

        # this attribute is added by timm on one optimizer (adahessian)
        is_second_order1 = hasattr(optimizer1, "is_second_order") and optimizer1.is_second_order

        if not model_without_ddp.assigned_indicators:
            loss_scaler(loss, optimizer1, optimizer2, clip_grad=max_norm, create_graph=is_second_order1, model=model)
        else:
            # Not using architecture optimizer during fine-tuning
            loss_scaler(loss, optimizer1, None, clip_grad=max_norm, create_graph=is_second_order1, model=model)

        metric_logger.update(loss=loss_value)
        metric_logger.update(loss_cls=loss_cls.item())
        metric_logger.update(loss_bop=loss_bop.item())

        str_msa_thresholds = str([["{:.3f}".format(i.item()) for i in blocks] for blocks in msa_thresholds_list])
        print("msa thresholds:", str_msa_thresholds)

    print("Averaged stats:", metric_logger)
    return {k: meter.global_avg for k, meter in metric_logger.meters.items()}


@torch.no_grad()
def evaluate_pruning(data_loader, model, device):
    criterion = torch.nn.CrossEntropyLoss()
    metric_logger = utils.MetricLogger(delimiter="  ")
    model.eval()
    for images, target in data_loader:
        images = images.to(device, non_blocking=True)
        target = target.to(device, non_blocking=True)
        output, _, _, _ = model(images)
        loss = criterion(output, target)
        acc1 = (output.argmax(dim=1) == target).float().mean() * 100
        metric_logger.update(loss=loss.item(), acc1=acc1.item())
    print("* Acc@1 {}".format(metric_logger.meters["acc1"]))
    return {k: meter.global_avg for k, meter in metric_logger.meters.items()}
