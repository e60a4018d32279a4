from .gated_fusion import GatedFusionNeck

__all__ = ["GatedFusionNeck"]
