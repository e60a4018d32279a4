from .config import Config
from .registry import DETECTORS, HEADS, Registry, build_from_cfg

__all__ = ["Config", "DETECTORS", "HEADS", "Registry", "build_from_cfg"]
