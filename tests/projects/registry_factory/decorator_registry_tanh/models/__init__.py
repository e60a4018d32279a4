from . import zoo
from .registry import REGISTRY, create

__all__ = ["REGISTRY", "create", "zoo"]
