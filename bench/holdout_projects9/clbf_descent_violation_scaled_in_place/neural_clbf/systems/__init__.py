from .control_affine_system import ControlAffineSystem
from .inverted_pendulum import InvertedPendulum

__all__ = ["ControlAffineSystem", "InvertedPendulum"]
