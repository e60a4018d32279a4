#!/usr/bin/python3
# -*- coding: utf-8 -*-


class Logger(object):
    """Prints the scalars the repository logs to TensorBoard."""

    def __init__(self, log_dir, force=False):
        self.log_dir = log_dir

    def add_scalar(self, name, value, step):
        print("{} [{}]: {:.4f}".format(name, step, value))


class AverageMeter(object):
    """Computes and stores the average and current value"""

    def __init__(self):
        self.reset()

    def reset(self):
        self.val = 0
        self.avg = 0
        self.sum = 0
        self.count = 0

    def update(self, val, n=1):
        self.val = val
        self.sum += val * n
        self.count += n
        self.avg = self.sum / self.count
