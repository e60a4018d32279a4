from .models import InpaintingModel

__all__ = ["InpaintingModel"]
