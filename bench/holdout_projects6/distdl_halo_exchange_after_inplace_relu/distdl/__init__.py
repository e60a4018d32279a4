from . import functional, nn

__all__ = ["functional", "nn"]
