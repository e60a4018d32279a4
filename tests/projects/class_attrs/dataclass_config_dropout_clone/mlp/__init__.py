from .config import MLPConfig
from .model import LayerScaleMLP

__all__ = ["LayerScaleMLP", "MLPConfig"]
