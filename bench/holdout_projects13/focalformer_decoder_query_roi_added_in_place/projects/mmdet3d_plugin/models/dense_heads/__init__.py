from .focal_decoder import FocalDecoder

__all__ = ["FocalDecoder"]
