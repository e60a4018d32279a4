from .configuration_owlvit import OwlViTConfig
from .modeling_owlvit import OwlViTClassPredictionHead, OwlViTForObjectDetection

__all__ = ["OwlViTConfig", "OwlViTClassPredictionHead", "OwlViTForObjectDetection"]
