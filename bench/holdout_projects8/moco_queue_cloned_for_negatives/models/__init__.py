from .resnet import resnet_tiny, resnet_tiny_wide

__all__ = ["resnet_tiny", "resnet_tiny_wide"]
