import itertools
import pkgutil

from . import common, modules, utils

_KNOWN_PACKAGES = set()


def _enum_packages(parent):
    yield parent
    for _, pkgname, ispkg in pkgutil.iter_modules(parent.__path__):
        yield utils.import_module(f"{parent.__name__}.{pkgname}")


def _is_module_class(item):
    return isinstance(item, type) and issubclass(item, common.Module) and item.name is not None


def _enum_module_classes(package):
    for item in package.__dict__.values():
        if _is_module_class(item):
            yield item


def register_packages(parent):
    _KNOWN_PACKAGES.update(set(_enum_packages(parent)))


def get_module_classes():
    return list(itertools.chain(*map(list, map(_enum_module_classes, _KNOWN_PACKAGES))))


def get_module_dict():
    return {cls.name: cls for cls in get_module_classes()}


def get_module_names():
    return [cls.name for cls in get_module_classes()]


register_packages(modules)
