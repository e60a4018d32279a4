import torch
import torch.nn.functional as F

from models import Discriminator, Generator


class GANTrainer:
    def __init__(self, z_dim: int, x_dim: int, lr: float = 2e-4) -> None:
        self.z_dim = z_dim
        self.G, self.D = Generator(z_dim, x_dim), Discriminator(x_dim)
        self.opt_g = torch.optim.Adam(self.G.parameters(), lr=lr)
        self.opt_d = torch.optim.Adam(self.D.parameters(), lr=lr)

    def step(self, real: torch.Tensor) -> tuple[float, float]:
        fake = self.G(torch.randn(real.shape[0], self.z_dim))
        ones, zeros = torch.ones(real.shape[0], 1), torch.zeros(real.shape[0], 1)
        d_out_fake = self.D(fake)
        g_loss = F.binary_cross_entropy_with_logits(d_out_fake, ones)
        d_loss = F.binary_cross_entropy_with_logits(self.D(real), ones) + \
            F.binary_cross_entropy_with_logits(self.D(fake.detach()), zeros)
        self.opt_d.zero_grad()
        d_loss.backward()
        self.opt_d.step()
        g_loss = F.binary_cross_entropy_with_logits(self.D(fake), ones)
        self.opt_g.zero_grad()
        g_loss.backward()
        self.opt_g.step()
        return d_loss.item(), g_loss.item()
