from .backbone import BACKBONE_REGISTRY, build_backbone
from .meta_arch import META_ARCH_REGISTRY, SEM_SEG_HEADS_REGISTRY, build_model

__all__ = ["BACKBONE_REGISTRY", "META_ARCH_REGISTRY", "SEM_SEG_HEADS_REGISTRY", "build_backbone", "build_model"]
