"""Autoencoder for the blendshape coefficients (BCVAE)."""

from dataclasses import dataclass

import torch
from torch import nn


@dataclass
class BCLatent:
    mean: torch.FloatTensor
    log_var: torch.FloatTensor


@dataclass
class BCVAEOutput:
    mean: torch.FloatTensor
    log_var: torch.FloatTensor
    latent: torch.FloatTensor
    coeffs_reconst: torch.FloatTensor


def _encoded_length(seq_len: int) -> int:
    # two k=3 convolutions, one k=4 stride-2 convolution, one k=3 convolution
    return (seq_len - 2 - 2 - 4) // 2 + 1 - 2


class BCEncoder(nn.Module):
    """Encoder for the blendshape coefficients"""

    def __init__(self, in_channels: int = 32, seq_len: int = 120, z_dim: int = 64) -> None:
        super().__init__()
        self.conv_layers = nn.Sequential(
            nn.Conv1d(in_channels, 8, kernel_size=3, stride=1),
            nn.BatchNorm1d(8),
            nn.LeakyReLU(0.2, True),
            nn.Conv1d(8, 16, kernel_size=3, stride=1),
            nn.BatchNorm1d(16),
            nn.LeakyReLU(0.2, True),
            nn.Conv1d(16, 16, kernel_size=4, stride=2),
            nn.BatchNorm1d(16),
            nn.LeakyReLU(0.2, True),
            nn.Conv1d(16, 8, kernel_size=3, stride=1),
            nn.Flatten(),
        )
        self.fc_layers = nn.Sequential(
            nn.Linear(8 * _encoded_length(seq_len), 32),
            nn.BatchNorm1d(32),
            nn.LeakyReLU(inplace=True),
            nn.Linear(32, 16),
            nn.BatchNorm1d(16),
            nn.LeakyReLU(inplace=True),
            nn.Linear(16, z_dim),
        )
        self.fc_mu = nn.Linear(z_dim, z_dim)
        self.fc_logvar = nn.Linear(z_dim, z_dim)

    def forward(self, coeffs: torch.Tensor) -> BCLatent:
        """coeffs: (Batch_size, sample_seq_len, in_channels)"""
        out = self.conv_layers(coeffs.transpose(1, 2))
        latent = self.fc_layers(out)
        mean = self.fc_mu(latent)
        log_var = self.fc_logvar(latent)
        return BCLatent(mean=mean, log_var=log_var)

    @staticmethod
    def reparametrize(mean: torch.FloatTensor, log_var: torch.FloatTensor) -> torch.FloatTensor:
        batch_size, z_dim = mean.shape
        eps = torch.randn(batch_size, z_dim).to(mean.device)
        return mean + torch.exp(0.5 * log_var) * eps


class BCDecoder(nn.Module):
    """Decoder for the blendshape coefficients"""

    def __init__(self, out_channels: int = 32, seq_len: int = 120, z_dim: int = 64) -> None:
        super().__init__()
        self.fc_layers = nn.Sequential(
            nn.Linear(z_dim, 2 * seq_len),
            nn.BatchNorm1d(2 * seq_len),
            nn.LeakyReLU(inplace=True),
            nn.Linear(2 * seq_len, 4 * seq_len),
            nn.Unflatten(1, (4, seq_len)),
        )
        self.conv_layers = nn.Sequential(
            nn.ConvTranspose1d(4, 8, 3),
            nn.BatchNorm1d(8),
            nn.LeakyReLU(0.2, True),
            nn.ConvTranspose1d(8, 8, 3),
            nn.BatchNorm1d(8),
            nn.LeakyReLU(0.2, True),
            nn.Conv1d(8, 8, 3),
            nn.Conv1d(8, out_channels, 3),
            nn.ReLU(),
            nn.Tanh(),
        )

    def forward(self, latent: torch.Tensor) -> torch.Tensor:
        """Returns (Batch_size, sample_seq_len, out_channels)"""
        out = self.fc_layers(latent)
        coeffs_reconst = self.conv_layers(out).transpose(1, 2)
        return coeffs_reconst


class BCVAE(nn.Module):
    """Autoencoder for the blendshape coefficients"""

    def __init__(self, channels: int = 32, seq_len: int = 120, z_dim: int = 64) -> None:
        super().__init__()
        self.seq_len = seq_len
        self.encoder = BCEncoder(channels, seq_len, z_dim)
        self.decoder = BCDecoder(channels, seq_len, z_dim)

    def forward(self, coeffs: torch.Tensor, use_noise: bool = True) -> BCVAEOutput:
        latent_stats = self.encode(coeffs)
        mean = latent_stats.mean
        log_var = latent_stats.log_var
        latent = self.reparametrize(mean, log_var) if use_noise else mean
        coeffs_reconst = self.decode(latent)
        return BCVAEOutput(mean=mean, log_var=log_var, latent=latent, coeffs_reconst=coeffs_reconst)

    def encode(self, coeffs: torch.Tensor) -> BCLatent:
        return self.encoder(coeffs)

    def reparametrize(self, mean: torch.FloatTensor, log_var: torch.FloatTensor) -> torch.FloatTensor:
        return self.encoder.reparametrize(mean, log_var)

    def decode(self, latent: torch.Tensor) -> torch.Tensor:
        return self.decoder(latent)
