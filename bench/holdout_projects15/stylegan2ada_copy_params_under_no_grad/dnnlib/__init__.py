from .util import EasyDict, construct_class_by_name

__all__ = ["EasyDict", "construct_class_by_name"]
