from .manager_based_rl_env import ManagerBasedRLEnv

__all__ = ["ManagerBasedRLEnv"]
