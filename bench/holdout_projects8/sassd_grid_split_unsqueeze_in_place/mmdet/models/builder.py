from torch import nn


class Registry(object):
    def __init__(self, name):
        self._name = name
        self._module_dict = dict()

    def get(self, key):
        return self._module_dict.get(key, None)

    def register_module(self, cls):
        if not issubclass(cls, nn.Module):
            raise TypeError("module must be a child of nn.Module, but got {}".format(cls))
        self._module_dict[cls.__name__] = cls
        return cls


DETECTORS = Registry("detector")
NECKS = Registry("neck")
HEADS = Registry("head")


def _build_module(cfg, registry, default_args=None):
    args = cfg.copy()
    obj_type = args.pop("type")
    obj_cls = registry.get(obj_type)
    if obj_cls is None:
        raise KeyError("{} is not in the {} registry".format(obj_type, registry._name))
    if default_args is not None:
        for name, value in default_args.items():
            args.setdefault(name, value)
    return obj_cls(**args)


def build(cfg, registry, default_args=None):
    if isinstance(cfg, list):
        return nn.Sequential(*[_build_module(cfg_, registry, default_args) for cfg_ in cfg])
    return _build_module(cfg, registry, default_args)


def build_neck(cfg):
    return build(cfg, NECKS)


def build_single_stage_head(cfg):
    return build(cfg, HEADS)


def build_detector(cfg, train_cfg=None, test_cfg=None):
    return build(cfg, DETECTORS, dict(train_cfg=train_cfg, test_cfg=test_cfg))
