from .builder import DETECTORS, HEADS, NECKS, build_detector
from .detectors.single_stage import SingleStageDetector
from .necks.cmn import SpMiddleFHD
from .single_stage_heads.ssd_rotate_head import PSWarpHead, SSDRotateHead

__all__ = [
    "DETECTORS",
    "HEADS",
    "NECKS",
    "build_detector",
    "SingleStageDetector",
    "SpMiddleFHD",
    "SSDRotateHead",
    "PSWarpHead",
]
