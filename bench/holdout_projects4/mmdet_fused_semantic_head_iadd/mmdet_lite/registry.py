class Registry:
    def __init__(self, name):
        self.name = name
        self._module_dict = {}

    def register_module(self, cls=None):
        def _register(c):
            self._module_dict[c.__name__] = c
            return c

        return _register(cls) if cls is not None else _register

    def build(self, cfg):
        cfg = dict(cfg)
        return self._module_dict[cfg.pop("type")](**cfg)


HEADS = Registry("head")


def build_head(cfg):
    return HEADS.build(cfg)
