__version__ = "0.2.4"

from . import common, manager, utils
from .common import Module
from .manager import get_module_dict, get_module_names


def create_model_cls(name, modargs=None):
    """Return a constructor for the registered module `name` with keyword-only `modargs` bound."""
    namemap = manager.get_module_dict()
    assert name in namemap, f"module name '{name}' does not exist. available names: {list(namemap.keys())}"
    model_cls = namemap[name]

    def caster(*args):
        return model_cls(*args, **(modargs or {}))

    return caster
