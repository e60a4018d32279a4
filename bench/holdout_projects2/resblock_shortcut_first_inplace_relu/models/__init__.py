from .net import Net, build_net

__all__ = ["Net", "build_net"]
