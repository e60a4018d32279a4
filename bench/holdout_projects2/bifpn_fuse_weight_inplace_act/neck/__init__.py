from .fuse import Fusefeature

__all__ = ["Fusefeature"]
