from .build import META_ARCH_REGISTRY, build_model
from .semantic_seg import SEM_SEG_HEADS_REGISTRY, SemanticSegmentor, SemSegFPNHead

__all__ = ["META_ARCH_REGISTRY", "SEM_SEG_HEADS_REGISTRY", "SemSegFPNHead", "SemanticSegmentor", "build_model"]
