from .model import two_view_net

__all__ = ["two_view_net"]
