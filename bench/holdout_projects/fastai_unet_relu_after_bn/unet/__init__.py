from .dynamic_unet import DynamicUnet

__all__ = ["DynamicUnet"]
