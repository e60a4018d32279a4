# source: https://github.com/cy-xu/simple_CycleGAN/issues/3
# case: CycleGAN step: both generators are updated (`optimizer_G.step()` after `loss_G.backward(retain_graph=True)`), then the discriminator losses use the generated images without `.detach()`, so their backward walks into the generators' graph whose weights the step changed
import itertools

import torch
import torch.nn as nn

torch.manual_seed(0)


def generator():
    return nn.Sequential(
        nn.ReflectionPad2d(3),
        nn.Conv2d(3, 4, 7),
        nn.InstanceNorm2d(4),
        nn.ReLU(inplace=True),
        nn.ReflectionPad2d(3),
        nn.Conv2d(4, 3, 7),
        nn.Tanh(),
    )


def discriminator():
    return nn.Sequential(nn.Conv2d(3, 4, 4, stride=2, padding=1), nn.LeakyReLU(0.2, True), nn.Conv2d(4, 1, 4, padding=1))


netG_A2B, netG_B2A = generator(), generator()
netD_A, netD_B = discriminator(), discriminator()
criterion_GAN, criterion_cycle = nn.MSELoss(), nn.L1Loss()
optimizer_G = torch.optim.Adam(itertools.chain(netG_A2B.parameters(), netG_B2A.parameters()), lr=2e-4)
optimizer_D = torch.optim.Adam(itertools.chain(netD_A.parameters(), netD_B.parameters()), lr=2e-4)

real_A, real_B = torch.randn(1, 3, 8, 8), torch.randn(1, 3, 8, 8)

optimizer_G.zero_grad()
fake_B = netG_A2B(real_A)
fake_A = netG_B2A(real_B)
pred_fake_B, pred_fake_A = netD_B(fake_B), netD_A(fake_A)
loss_GAN = criterion_GAN(pred_fake_B, torch.ones_like(pred_fake_B)) + criterion_GAN(pred_fake_A, torch.ones_like(pred_fake_A))
loss_cycle = criterion_cycle(netG_B2A(fake_B), real_A) + criterion_cycle(netG_A2B(fake_A), real_B)
loss_G = loss_GAN + 10.0 * loss_cycle
loss_G.backward(retain_graph=True)
optimizer_G.step()  # expect: GG002

optimizer_D.zero_grad()
pred_real, pred_fake = netD_A(real_A), netD_A(fake_A)
loss_D_A = 0.5 * (criterion_GAN(pred_real, torch.ones_like(pred_real)) + criterion_GAN(pred_fake, torch.zeros_like(pred_fake)))
loss_D_A.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
pred_real, pred_fake = netD_B(real_B), netD_B(fake_B)
loss_D_B = 0.5 * (criterion_GAN(pred_real, torch.ones_like(pred_real)) + criterion_GAN(pred_fake, torch.zeros_like(pred_fake)))
loss_D_B.backward()
optimizer_D.step()
