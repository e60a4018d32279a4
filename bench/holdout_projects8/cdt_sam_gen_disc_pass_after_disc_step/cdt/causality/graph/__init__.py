from .SAM import SAM

__all__ = ["SAM"]
