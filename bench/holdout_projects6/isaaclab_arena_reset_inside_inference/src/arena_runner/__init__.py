from .envs import ManagerBasedRLEnv
from .policy import get_policy

__all__ = ["ManagerBasedRLEnv", "get_policy"]
