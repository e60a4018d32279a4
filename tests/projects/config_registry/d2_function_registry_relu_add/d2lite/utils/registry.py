class Registry:
    """Name -> object, filled by `@REGISTRY.register()` (classes or functions) or `REGISTRY.register(obj)`."""

    def __init__(self, name):
        self._name = name
        self._obj_map = {}

    def _do_register(self, name, obj):
        assert name not in self._obj_map, f"{name!r} is already registered in {self._name!r}"
        self._obj_map[name] = obj

    def register(self, obj=None):
        if obj is None:

            def deco(func_or_class):
                self._do_register(func_or_class.__name__, func_or_class)
                return func_or_class

            return deco
        self._do_register(obj.__name__, obj)
        return obj

    def get(self, name):
        found = self._obj_map.get(name)
        if found is None:
            raise KeyError(f"no object named {name!r} in the {self._name!r} registry")
        return found

    def __contains__(self, name):
        return name in self._obj_map
