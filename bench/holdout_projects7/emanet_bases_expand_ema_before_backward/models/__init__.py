from .network import EMANet

__all__ = ["EMANet"]
