from ..utils import Registry

BACKBONES = Registry("backbone")
NECKS = Registry("neck")
HEADS = Registry("head")
CLASSIFIERS = Registry("classifier")


def build_backbone(cfg):
    return BACKBONES.build(cfg)


def build_neck(cfg):
    return NECKS.build(cfg)


def build_head(cfg, **default_args):
    return HEADS.build(cfg, default_args=default_args or None)


def build_classifier(cfg):
    return CLASSIFIERS.build(cfg)
