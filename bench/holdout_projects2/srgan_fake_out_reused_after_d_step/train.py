# case: SRGAN train loop: D is stepped, then the generator loss is built from the fake_out that was computed through D before that step
# source: https://github.com/leftthomas/SRGAN/issues/89
import torch
import torch.optim as optim

from loss import GeneratorLoss
from model import Discriminator, Generator

torch.manual_seed(0)
UPSCALE_FACTOR = 2


def train_loader(n_batches=2):
    for _ in range(n_batches):
        target = torch.rand(2, 3, 16, 16)
        data = torch.nn.functional.avg_pool2d(target, UPSCALE_FACTOR)
        yield data, target


def main():
    netG = Generator(UPSCALE_FACTOR)
    netD = Discriminator()
    generator_criterion = GeneratorLoss()
    optimizerG = optim.Adam(netG.parameters())
    optimizerD = optim.Adam(netD.parameters())

    netG.train()
    netD.train()
    for data, target in train_loader():
        real_img = target
        z = data
        fake_img = netG(z)

        # (1) Update D network: maximize D(x)-1-D(G(z))
        netD.zero_grad()
        real_out = netD(real_img).mean()
        fake_out = netD(fake_img).mean()
        d_loss = 1 - real_out + fake_out
        d_loss.backward(retain_graph=True)
        optimizerD.step()  # expect: GG002

        # (2) Update G network: minimize 1-D(G(z)) + Perception Loss + Image Loss + TV Loss
        netG.zero_grad()
        g_loss = generator_criterion(fake_out, fake_img, real_img)
        g_loss.backward()  # raises: RuntimeError: modified by an inplace operation

        fake_img = netG(z)
        fake_out = netD(fake_img).mean()
        optimizerG.step()
        print(d_loss.item(), g_loss.item())


if __name__ == "__main__":
    main()
