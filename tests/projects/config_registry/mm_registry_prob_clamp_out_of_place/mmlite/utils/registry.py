"""Type names to classes: a config dict `dict(type="Name", **options)` becomes `Name(**options)`."""

import inspect


class Registry:
    def __init__(self, name, build_func=None):
        self._name = name
        self._module_dict = dict()
        self.build_func = build_from_cfg if build_func is None else build_func

    def __len__(self):
        return len(self._module_dict)

    def __contains__(self, key):
        return self.get(key) is not None

    @property
    def name(self):
        return self._name

    def get(self, key):
        return self._module_dict.get(key, None)

    def build(self, *args, **kwargs):
        return self.build_func(*args, **kwargs, registry=self)

    def _register_module(self, module, module_name=None, force=False):
        if not inspect.isclass(module):
            raise TypeError(f"only classes can be registered, not {type(module)}")
        if module_name is None:
            module_name = module.__name__
        if isinstance(module_name, str):
            module_name = [module_name]
        for name in module_name:
            if not force and name in self._module_dict:
                raise KeyError(f"{name} is already registered in {self.name}")
            self._module_dict[name] = module

    def register_module(self, name=None, force=False, module=None):
        if not isinstance(force, bool):
            raise TypeError(f"force must be a bool, not {type(force)}")
        if isinstance(name, type):  # the bare decorator: `@REGISTRY.register_module`
            self._register_module(name, force=force)
            return name
        if module is not None:  # a plain call: `REGISTRY.register_module(module=cls)`
            self._register_module(module=module, module_name=name, force=force)
            return module

        def _register(cls):
            self._register_module(module=cls, module_name=name, force=force)
            return cls

        return _register


def build_from_cfg(cfg, registry, default_args=None):
    if not isinstance(cfg, dict):
        raise TypeError(f"cfg must be a dict, not {type(cfg)}")
    args = cfg.copy()
    if default_args is not None:
        for key, value in default_args.items():
            args.setdefault(key, value)
    obj_type = args.pop("type")
    if isinstance(obj_type, str):
        obj_cls = registry.get(obj_type)
        if obj_cls is None:
            raise KeyError(f"{obj_type} is not in the {registry.name} registry")
    elif inspect.isclass(obj_type):
        obj_cls = obj_type
    else:
        raise TypeError(f"type must be a str or a class, not {type(obj_type)}")
    return obj_cls(**args)
