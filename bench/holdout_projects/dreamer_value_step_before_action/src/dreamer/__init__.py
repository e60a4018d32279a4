from .model import ActionModel, TransitionModel, ValueModel, RewardModel
from .utils import lambda_return

__all__ = ["ActionModel", "TransitionModel", "ValueModel", "RewardModel", "lambda_return"]
