# case: the repository's order: after the discriminator step the generator samples new noise and scores its fakes with a fresh discriminator call, so its backward only reaches current weights
# source: https://github.com/heykeetae/Self-Attention-GAN/issues/62
import torch

from trainer import Trainer

torch.manual_seed(0)
config = {"z_dim": 8, "total_step": 2, "g_lr": 1e-4, "d_lr": 4e-4}
data = iter([torch.randn(4, 3, 8, 8) for _ in range(config["total_step"])])
Trainer(config).train(data)
