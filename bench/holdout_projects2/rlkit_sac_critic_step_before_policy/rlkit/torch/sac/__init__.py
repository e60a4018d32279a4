from .policies import TanhGaussianPolicy
from .sac import SACTrainer

__all__ = ["TanhGaussianPolicy", "SACTrainer"]
