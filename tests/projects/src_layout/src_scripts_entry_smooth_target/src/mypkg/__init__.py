"""mypkg: a tiny classifier package."""
from mypkg.model import Net

__all__ = ["Net"]
