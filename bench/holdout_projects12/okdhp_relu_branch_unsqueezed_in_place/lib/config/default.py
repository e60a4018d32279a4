# ------------------------------------------------------------------------------
# Default configuration (yacs is replaced by a small attribute dictionary here)
# ------------------------------------------------------------------------------
from __future__ import absolute_import
from __future__ import division
from __future__ import print_function

import yaml


class CN(dict):
    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name)

    def __setattr__(self, name, value):
        self[name] = value

    def merge_from_dict(self, other):
        for k, v in other.items():
            if isinstance(v, dict):
                if k not in self:
                    self[k] = CN()
                self[k].merge_from_dict(v)
            else:
                self[k] = v


_C = CN()

_C.OUTPUT_DIR = ''
_C.LOG_DIR = ''
_C.GPUS = (0,)
_C.WORKERS = 0
_C.PIN_MEMORY = False

# Cudnn related params
_C.CUDNN = CN()
_C.CUDNN.BENCHMARK = False
_C.CUDNN.DETERMINISTIC = True
_C.CUDNN.ENABLED = True

# common params for NETWORK
_C.MODEL = CN()
_C.MODEL.NAME = 'hourglass'
_C.MODEL.NUM_JOINTS = 16
_C.MODEL.IMAGE_SIZE = [256, 256]  # width * height
_C.MODEL.HEATMAP_SIZE = [64, 64]  # width * height
_C.MODEL.EXTRA = CN()

_C.LOSS = CN()
_C.LOSS.USE_TARGET_WEIGHT = True

# DATASET related params
_C.DATASET = CN()
_C.DATASET.ROOT = ''
_C.DATASET.DATASET = 'mpii'
_C.DATASET.TRAIN_SET = 'train'
_C.DATASET.TEST_SET = 'valid'

# train
_C.TRAIN = CN()
_C.TRAIN.LR_FACTOR = 0.1
_C.TRAIN.LR_STEP = [90, 110]
_C.TRAIN.LR = 0.001
_C.TRAIN.OPTIMIZER = 'adam'
_C.TRAIN.MOMENTUM = 0.9
_C.TRAIN.WD = 0.0001
_C.TRAIN.NESTEROV = False
_C.TRAIN.BEGIN_EPOCH = 0
_C.TRAIN.END_EPOCH = 140
_C.TRAIN.BATCH_SIZE_PER_GPU = 32
_C.TRAIN.SHUFFLE = True
_C.TRAIN.KD_WEIGHT = 5
_C.TRAIN.ENS_WEIGHT = 1
_C.TRAIN.LENGTH = 60

# testing
_C.TEST = CN()
_C.TEST.BATCH_SIZE_PER_GPU = 32


def update_config(cfg, args):
    with open(args.cfg) as f:
        cfg.merge_from_dict(yaml.load(f, Loader=yaml.FullLoader))
