from .policies import POLICY_REGISTRY, get_policy

__all__ = ["POLICY_REGISTRY", "get_policy"]
