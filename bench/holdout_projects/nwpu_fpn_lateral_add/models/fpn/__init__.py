from .fpn_head import FPN

__all__ = ["FPN"]
