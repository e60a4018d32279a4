import torch


def bounded_mse(pred: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    from trainer import Trainer  # deferred: trainer imports this module

    pred = pred.clamp(-Trainer.CLIP, Trainer.CLIP)
    return ((pred - target.clamp(-Trainer.CLIP, Trainer.CLIP)) ** 2).mean()
