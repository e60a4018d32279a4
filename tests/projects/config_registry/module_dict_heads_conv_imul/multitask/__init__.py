from .heads import HEADS, build_head
from .model import MultiTaskNet

__all__ = ["HEADS", "MultiTaskNet", "build_head"]
