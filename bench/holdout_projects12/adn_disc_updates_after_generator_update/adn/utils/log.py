from collections import defaultdict

import numpy as np


class Logger(object):
    def __init__(self, log_dir, epoch=0, name="log"):
        self.log_dir = log_dir
        self.epoch = epoch
        self.name = name if name != "" else "log"
        self.loss_freq = float('inf')

    def add_loss_log(self, loss_fcn, loss_freq, window_size=100):
        self.loss = defaultdict(list)
        self.loss_fcn = loss_fcn
        self.loss_freq = loss_freq
        self.window_size = window_size

    def __call__(self, iterable):
        for it, obj in enumerate(iterable):
            yield obj
            if hasattr(self, 'loss_fcn') and it % self.loss_freq == 0:
                for k, v in self.loss_fcn().items():
                    self.loss[k].append(float(np.mean(v)))
                print('[{}][epoch{}][iter{}] '.format(self.name, self.epoch, it) + " ".join(
                    "{} {:.2e}".format(k, v[-1]) for k, v in self.loss.items()))
        self.epoch += 1
