from .tiny_convnet import TinyConvNet

__all__ = ["TinyConvNet"]
