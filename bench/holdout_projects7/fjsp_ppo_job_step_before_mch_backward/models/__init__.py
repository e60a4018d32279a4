from .PPO_Actor1 import Job_Actor, Mch_Actor

__all__ = ["Job_Actor", "Mch_Actor"]
