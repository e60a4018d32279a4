from .build import BACKBONE_REGISTRY, build_backbone
from .resnet import build_tiny_resnet_backbone

__all__ = ["BACKBONE_REGISTRY", "build_backbone", "build_tiny_resnet_backbone"]
