from .cfc import CfC

__all__ = ["CfC"]
