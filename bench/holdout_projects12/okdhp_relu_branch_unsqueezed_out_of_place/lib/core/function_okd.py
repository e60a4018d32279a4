from __future__ import absolute_import
from __future__ import division
from __future__ import print_function

import logging

import numpy as np
import torch

logger = logging.getLogger(__name__)


def train(config, train_loader, model, criterion, criterion_kd, consistency_weight,
          kd_weight, ens_weight, optimizer, epoch, output_dir, tb_log_dir, writer_dict):

    model.train()

    logger.info(f'Current Epoch: {epoch}')

    for i, (input, target, target_weight, meta) in enumerate(train_loader):

        optimizer.zero_grad()

        outputs, ens_outputs = model(input)

        loss_hard = 0
        loss_soft = 0
        for output in outputs[0:]:
            loss_hard += criterion(output, target, target_weight)
            loss_soft += criterion_kd(output, ens_outputs, target_weight)

        loss_ens = ens_weight * criterion(ens_outputs, target, target_weight)
        loss_soft = kd_weight * consistency_weight * loss_soft
        loss = loss_hard + loss_ens + loss_soft

        # compute gradient and do update step
        loss.backward()
        optimizer.step()

        print(f'[{epoch}][{i}] loss_ens={loss_ens:5f} loss_hard={loss_hard:.5f} loss_soft={loss_soft:.7f}')


def get_current_consistency_weight(current, rampup_length):
    # Consistency ramp-up from https://arxiv.org/abs/1610.02242
    if rampup_length == 0:
        return 1.0
    else:
        current = np.clip(current, 0.0, rampup_length)
        phase = 1.0 - current / rampup_length
        return float(np.exp(-5.0 * phase * phase))


def validate(config, val_loader, val_dataset, model, criterion, epoch, output_dir,
             tb_log_dir, writer_dict=None):
    # switch to evaluate mode; the PCKh evaluation is reduced to the ensemble's heatmap loss
    model.eval()
    losses = []
    with torch.no_grad():
        for i, (input, target, target_weight, meta) in enumerate(val_loader):
            outputs, ens_outputs = model(input)
            losses.append(float(criterion(ens_outputs, target, target_weight)))
    perf_indicator = -float(np.mean(losses))
    return perf_indicator, 0
