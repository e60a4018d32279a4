from .soft_ce import SoftCrossEntropyLoss

__all__ = ["SoftCrossEntropyLoss"]
