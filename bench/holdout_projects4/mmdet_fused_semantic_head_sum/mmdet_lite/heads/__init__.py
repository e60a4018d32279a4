from .fused_semantic_head import FusedSemanticHead

__all__ = ["FusedSemanticHead"]
