"""A small stand-in for mmcv's Registry / build_from_cfg."""


class Registry:
    def __init__(self, name):
        self._name = name
        self._module_dict = {}

    def get(self, key):
        return self._module_dict[key]

    def register_module(self, name=None, force=False, module=None):
        def _register(cls):
            self._module_dict[name or cls.__name__] = cls
            return cls

        if module is not None:
            return _register(module)
        return _register


def build_from_cfg(cfg, registry, default_args=None):
    args = cfg.copy()
    if default_args is not None:
        for name, value in default_args.items():
            args.setdefault(name, value)
    obj_type = args.pop("type")
    obj_cls = registry.get(obj_type)
    return obj_cls(**args)


DETECTORS = Registry("detector")
HEADS = Registry("head")
