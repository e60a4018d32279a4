class Registry:
    def __init__(self, name):
        self._name = name
        self._module_dict = {}

    def get(self, key):
        return self._module_dict[key]

    def register_module(self):
        def _register(cls):
            self._module_dict[cls.__name__] = cls
            return cls

        return _register


def build_from_cfg(cfg, registry):
    args = dict(cfg)
    obj_cls = registry.get(args.pop("type"))
    return obj_cls(**args)


MODELS = Registry("models")
