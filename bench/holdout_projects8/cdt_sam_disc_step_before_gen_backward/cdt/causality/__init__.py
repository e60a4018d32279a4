from . import graph

__all__ = ["graph"]
