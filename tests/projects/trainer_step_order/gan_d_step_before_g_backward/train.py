# case: GANTrainer computes the generator loss through D, then steps D's optimizer before g_loss.backward()
import torch

from trainer import GANTrainer

if __name__ == "__main__":
    torch.manual_seed(0)
    trainer = GANTrainer(z_dim=4, x_dim=6)
    print(trainer.step(torch.randn(8, 6)))
