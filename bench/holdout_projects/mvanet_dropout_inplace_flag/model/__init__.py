from .MVANet import MVANet

__all__ = ["MVANet"]
