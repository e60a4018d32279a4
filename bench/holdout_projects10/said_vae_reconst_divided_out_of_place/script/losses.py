"""Losses of the VAE for the blendshape coefficients"""

from dataclasses import dataclass
from typing import Optional

import torch
from torch import nn

from said.model.vae import BCVAE


@dataclass
class LossStepOutput:
    reconst: torch.FloatTensor  # reconstruction loss
    regularize: torch.FloatTensor  # KL regularization loss
    velocity: torch.FloatTensor  # velocity loss


def elbo_loss(
    said_vae: BCVAE,
    data: torch.FloatTensor,
    std: Optional[torch.FloatTensor],
    device: torch.device,
) -> LossStepOutput:
    """ELBO of the VAE; `data` is (Batch_size, sample_seq_len, x_dim), `std` is (1, x_dim)"""
    blendshape_coeffs = data.to(device)
    output = said_vae(blendshape_coeffs)
    batch_size = blendshape_coeffs.shape[0]

    mean = output.mean
    log_var = output.log_var
    blendshape_coeffs_reconst = output.coeffs_reconst

    criterion_reconst = nn.MSELoss(reduction="sum")
    criterion_velocity = nn.MSELoss(reduction="sum")

    answer_reweight = blendshape_coeffs
    pred_reweight = blendshape_coeffs_reconst
    if std is not None:
        answer_reweight = answer_reweight / std.view(1, 1, -1)
        pred_reweight = pred_reweight / std.view(1, 1, -1)

    loss_reconst = 0.5 * criterion_reconst(answer_reweight, pred_reweight) / batch_size
    loss_kld = 0.5 * torch.mean(torch.sum(torch.pow(mean, 2) + torch.exp(log_var) - log_var - 1, dim=1))

    answer_diff = answer_reweight[:, 1:, :] - answer_reweight[:, :-1, :]
    pred_diff = pred_reweight[:, 1:, :] - pred_reweight[:, :-1, :]
    loss_vel = 0.5 * criterion_velocity(pred_diff, answer_diff) / batch_size

    return LossStepOutput(reconst=loss_reconst, regularize=loss_kld, velocity=loss_vel)
