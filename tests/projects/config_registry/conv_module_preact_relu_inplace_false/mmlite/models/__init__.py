from .builder import NECKS, build_neck
from .necks import GatedFusionNeck

__all__ = ["NECKS", "GatedFusionNeck", "build_neck"]
