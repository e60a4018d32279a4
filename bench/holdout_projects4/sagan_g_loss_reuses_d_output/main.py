# case: SAGAN trainer whose generator loss reuses `d_out_fake`, the discriminator's score computed before `self.d_optimizer.step()`; `d_loss.backward(retain_graph=True)` keeps that graph, so the generator's backward reaches discriminator weights (the attention `gamma` among them) that the step changed
# source: https://github.com/heykeetae/Self-Attention-GAN/issues/62
import torch

from trainer import Trainer

torch.manual_seed(0)
config = {"z_dim": 8, "total_step": 2, "g_lr": 1e-4, "d_lr": 4e-4}
data = iter([torch.randn(4, 3, 8, 8) for _ in range(config["total_step"])])
Trainer(config).train(data)
