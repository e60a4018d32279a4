# case: DSGAN (real-world super-resolution, downscaling GAN) training loop: fake_tex = model_d(fake_img) is computed once, the discriminator is updated with d_tex_loss.backward(retain_graph=True); optimizer_d.step(), and then g_loss (built on the same fake_tex) is backpropagated through the discriminator whose weights the step just changed
# source: https://github.com/manuelfritsche/real-world-sr/issues/18
import torch
import torch.optim as optim
from torch import nn


class ResidualBlock(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.conv1 = nn.Conv2d(channels, channels, kernel_size=3, padding=1)
        self.prelu = nn.PReLU()
        self.conv2 = nn.Conv2d(channels, channels, kernel_size=3, padding=1)

    def forward(self, x):
        residual = self.conv1(x)
        residual = self.prelu(residual)
        residual = self.conv2(residual)
        return x + residual


class Generator(nn.Module):
    def __init__(self, n_res_blocks=2, ch=8):
        super().__init__()
        self.block_input = nn.Sequential(nn.Conv2d(3, ch, kernel_size=3, padding=1), nn.PReLU())
        self.res_blocks = nn.ModuleList([ResidualBlock(ch) for _ in range(n_res_blocks)])
        self.block_output = nn.Conv2d(ch, 3, kernel_size=3, padding=1)

    def forward(self, x):
        block = self.block_input(x)
        for res_block in self.res_blocks:
            block = res_block(block)
        block = self.block_output(block)
        return torch.sigmoid(block)


class FilterLow(nn.Module):
    def __init__(self, recursions=1, kernel_size=5, stride=1, padding=True, include_pad=True):
        super().__init__()
        pad = int((kernel_size - 1) / 2) if padding else 0
        self.filter = nn.AvgPool2d(kernel_size=kernel_size, stride=stride, padding=pad, count_include_pad=include_pad)
        self.recursions = recursions

    def forward(self, img):
        for i in range(self.recursions):
            img = self.filter(img)
        return img


class FilterHigh(nn.Module):
    def __init__(self, recursions=1, kernel_size=5, stride=1, include_pad=True, normalize=True):
        super().__init__()
        self.filter_low = FilterLow(recursions=1, kernel_size=kernel_size, stride=stride, include_pad=include_pad)
        self.recursions = recursions
        self.normalize = normalize

    def forward(self, img):
        img = img - self.filter_low(img)
        return 0.5 + img * 0.5 if self.normalize else img


class DiscriminatorBasic(nn.Module):
    def __init__(self, n_input_channels=3, ch=8):
        super().__init__()
        self.net = nn.Sequential(
            nn.Conv2d(n_input_channels, ch, kernel_size=5, padding=2), nn.LeakyReLU(0.2),
            nn.Conv2d(ch, 2 * ch, kernel_size=5, padding=2), nn.BatchNorm2d(2 * ch), nn.LeakyReLU(0.2),
            nn.Conv2d(2 * ch, 1, kernel_size=1),
        )

    def forward(self, x):
        return self.net(x)


class Discriminator(nn.Module):
    def __init__(self, kernel_size=5, wgan=False, highpass=True):
        super().__init__()
        self.filter = FilterHigh(kernel_size=kernel_size, include_pad=False) if highpass else None
        self.net = DiscriminatorBasic(n_input_channels=3)
        self.wgan = wgan

    def forward(self, x, y=None):
        if self.filter is not None:
            x = self.filter(x)
        x = self.net(x)
        if not self.wgan:
            x = torch.sigmoid(x)
        return x


def generator_loss(labels, wasserstein=False):
    return torch.mean(-labels) if wasserstein else torch.mean(-torch.log(labels + 1e-8))


def discriminator_loss(real, fake, wasserstein=False):
    return -torch.log(real + 1e-8).mean() - torch.log(1 - fake + 1e-8).mean()


class GeneratorLoss(nn.Module):
    def __init__(self, w_col=1, w_tex=0.005, w_per=0.01):
        super().__init__()
        self.pixel_loss = nn.L1Loss()
        self.color_filter = FilterLow(kernel_size=5, padding=False)
        # stand-in for the LPIPS perceptual network (frozen)
        self.perceptual_net = nn.Sequential(nn.Conv2d(3, 4, 3, padding=1), nn.ReLU()).requires_grad_(False)
        self.w_col, self.w_tex, self.w_per = w_col, w_tex, w_per

    def forward(self, tex_labels, out_images, target_images):
        self.last_tex_loss = generator_loss(tex_labels)
        self.last_per_loss = (self.perceptual_net(out_images) - self.perceptual_net(target_images)).abs().mean()
        self.last_col_loss = self.pixel_loss(self.color_filter(out_images), self.color_filter(target_images))
        loss = self.w_col * self.last_col_loss + self.w_tex * self.last_tex_loss
        loss += self.w_per * self.last_per_loss
        return loss


torch.manual_seed(0)
model_g = Generator()
model_d = Discriminator()
g_loss_module = GeneratorLoss()
optimizer_g = optim.Adam(model_g.parameters(), lr=2e-4, betas=[0.5, 0.999])
optimizer_d = optim.Adam(model_d.parameters(), lr=2e-4, betas=[0.5, 0.999])
disc_freq = gen_freq = 1
train_loader = [(torch.rand(2, 3, 16, 16), torch.rand(2, 3, 16, 16))]

iteration = 0
for input_img, disc_img in train_loader:
    iteration += 1
    # Estimate scores of fake and real images
    fake_img = model_g(input_img)
    real_tex = model_d(disc_img)
    fake_tex = model_d(fake_img)

    # Update Discriminator network
    if iteration % disc_freq == 0:
        model_d.zero_grad()
        d_tex_loss = discriminator_loss(real_tex, fake_tex)
        d_tex_loss.backward(retain_graph=True)
        optimizer_d.step()  # expect: GG002

    # Update Generator network
    if iteration % gen_freq == 0:
        model_g.zero_grad()
        g_loss = g_loss_module(fake_tex, fake_img, input_img)
        assert not torch.isnan(g_loss), "Generator loss returns NaN values"
        g_loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
        optimizer_g.step()
