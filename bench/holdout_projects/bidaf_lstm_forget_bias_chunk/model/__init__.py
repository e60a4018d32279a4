from .model import BiDAF

__all__ = ["BiDAF"]
