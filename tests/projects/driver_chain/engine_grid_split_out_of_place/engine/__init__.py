from .loop import run

__all__ = ["run"]
