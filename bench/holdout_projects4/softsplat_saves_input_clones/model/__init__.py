from .synthesis import Synthesis

__all__ = ["Synthesis"]
