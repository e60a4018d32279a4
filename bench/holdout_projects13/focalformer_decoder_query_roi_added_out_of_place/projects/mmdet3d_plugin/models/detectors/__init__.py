from .focalformer3d import FocalFormer3D

__all__ = ["FocalFormer3D"]
