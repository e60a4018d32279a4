import torch
import torch.nn.functional as F


class WeightedSmoothL1LocalizationLoss:
    def __init__(self, sigma=3.0):
        self._sigma = sigma

    def __call__(self, prediction_tensor, target_tensor, weights=None):
        diff = prediction_tensor - target_tensor
        abs_diff = torch.abs(diff)
        beta = 1.0 / (self._sigma**2)
        loss = torch.where(abs_diff < beta, 0.5 * diff * diff / beta, abs_diff - 0.5 * beta)
        if weights is not None:
            loss = loss * weights
        return loss.mean()


class SigmoidFocalClassificationLoss:
    def __init__(self, gamma=2.0, alpha=0.25):
        self._gamma = gamma
        self._alpha = alpha

    def __call__(self, prediction_tensor, target_tensor):
        per_entry = F.binary_cross_entropy_with_logits(prediction_tensor, target_tensor, reduction="none")
        prob = torch.sigmoid(prediction_tensor)
        p_t = target_tensor * prob + (1 - target_tensor) * (1 - prob)
        modulating = torch.pow(1.0 - p_t, self._gamma)
        alpha_weight = target_tensor * self._alpha + (1 - target_tensor) * (1 - self._alpha)
        return (modulating * alpha_weight * per_entry).mean()
