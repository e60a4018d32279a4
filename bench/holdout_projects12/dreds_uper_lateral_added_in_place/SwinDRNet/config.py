# --------------------------------------------------------
# Swin Transformer configuration (yacs is replaced by a small attribute dictionary here)
# --------------------------------------------------------
import os

import yaml


class CN(dict):
    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name)

    def __setattr__(self, name, value):
        self[name] = value

    def merge(self, other):
        for k, v in other.items():
            if isinstance(v, dict) and isinstance(self.get(k), CN):
                self[k].merge(v)
            else:
                self[k] = v


_C = CN()
_C.BASE = ['']

# Data settings
_C.DATA = CN()
_C.DATA.BATCH_SIZE = 128
_C.DATA.IMG_SIZE = 64
_C.DATA.ZIP_MODE = False
_C.DATA.CACHE_MODE = 'part'

# Model settings
_C.MODEL = CN()
_C.MODEL.TYPE = 'swin'
_C.MODEL.NAME = 'swin_tiny_patch4_window7_224'
_C.MODEL.PRETRAIN_CKPT = './pretrained_ckpt/swin_tiny_patch4_window7_224.pth'
_C.MODEL.DROP_RATE = 0.0
_C.MODEL.DROP_PATH_RATE = 0.1

# Swin Transformer parameters
_C.MODEL.SWIN = CN()
_C.MODEL.SWIN.PATCH_SIZE = 4
_C.MODEL.SWIN.IN_CHANS = 3
_C.MODEL.SWIN.EMBED_DIM = 96
_C.MODEL.SWIN.DEPTHS = [2, 2, 6, 2]
_C.MODEL.SWIN.NUM_HEADS = [3, 6, 12, 24]
_C.MODEL.SWIN.WINDOW_SIZE = 7
_C.MODEL.SWIN.MLP_RATIO = 4.
_C.MODEL.SWIN.QKV_BIAS = True
_C.MODEL.SWIN.QK_SCALE = None
_C.MODEL.SWIN.APE = False
_C.MODEL.SWIN.PATCH_NORM = True

# Training settings
_C.TRAIN = CN()
_C.TRAIN.USE_CHECKPOINT = False


def _update_config_from_file(config, cfg_file):
    with open(cfg_file, 'r') as f:
        yaml_cfg = yaml.load(f, Loader=yaml.FullLoader)
    config.merge(yaml_cfg)


def update_config(config, args):
    _update_config_from_file(config, args.cfg)
    if args.batch_size:
        config.DATA.BATCH_SIZE = args.batch_size
    if args.use_checkpoint:
        config.TRAIN.USE_CHECKPOINT = True


def get_config(args):
    """Get a yacs CfgNode object with default values."""
    config = _C
    update_config(config, args)
    return config
