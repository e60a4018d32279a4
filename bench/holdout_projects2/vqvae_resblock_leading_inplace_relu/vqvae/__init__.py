from .vqvae import VQVAE
