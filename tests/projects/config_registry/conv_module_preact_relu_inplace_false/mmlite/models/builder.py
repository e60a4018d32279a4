from ..utils import Registry

NECKS = Registry("neck")


def build_neck(cfg):
    return NECKS.build(cfg)
