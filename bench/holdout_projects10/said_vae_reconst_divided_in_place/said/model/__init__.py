from .vae import BCVAE, BCDecoder, BCEncoder
