from .config import Config
from .registry import MODELS, build_from_cfg
