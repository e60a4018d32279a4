# case: GAN tutorial with only the LeakyReLUs made out-of-place: leaky_relu then saves its input, not its output, so the Dropout(inplace=True) that follows in the discriminator is safe; the generator keeps its in-place LeakyReLU after Linear; two D/G steps run cleanly
# source: https://github.com/dreamgonfly/GAN-tutorial/issues/1
import torch
import torch.nn as nn
from torch.optim import Adam

from models import Discriminator, Generator

torch.manual_seed(0)
G = Generator()
D = Discriminator()
criterion = nn.BCELoss()
G_optimizer = Adam(G.parameters(), lr=0.0002, betas=(0.5, 0.999))
D_optimizer = Adam(D.parameters(), lr=0.0002, betas=(0.5, 0.999))

for step in range(2):
    real_data = torch.rand(6, 1, 8, 8) * 2 - 1
    batch_size = real_data.size(0)
    target_real = torch.ones(batch_size, 1)
    target_fake = torch.zeros(batch_size, 1)

    D_result_from_real = D(real_data)
    D_loss_real = criterion(D_result_from_real, target_real)
    z = torch.randn((batch_size, 16))
    fake_data = G(z)
    D_result_from_fake = D(fake_data)
    D_loss_fake = criterion(D_result_from_fake, target_fake)
    D_loss = D_loss_real + D_loss_fake
    D.zero_grad()
    D_loss.backward()
    D_optimizer.step()

    z = torch.randn((batch_size, 16))
    fake_data = G(z)
    D_result_from_fake = D(fake_data)
    G_loss = criterion(D_result_from_fake, target_real)
    G.zero_grad()
    G_loss.backward()
    G_optimizer.step()
print("D", D_loss.item(), "G", G_loss.item())
