# case: GANTrainer steps D first, then recomputes D(fake) for the generator loss
import torch

from trainer import GANTrainer

if __name__ == "__main__":
    torch.manual_seed(0)
    trainer = GANTrainer(z_dim=4, x_dim=6)
    print(trainer.step(torch.randn(8, 6)))
