# source: https://github.com/9310gaurav/ali-pytorch/issues/6
# case: ALI training loop: both losses come from the same joint discriminator calls; when loss_g < 3.5 the discriminator is updated first (`loss_d.backward(retain_graph=True)`, `optimizerD.step()`), then `loss_g.backward()` runs through the joint discriminator's weights that step changed (the reporter's LeakyReLU(inplace=False) change did not help)
import torch
import torch.nn as nn
import torch.optim as optim

torch.manual_seed(0)
latent_size, batch_size = 4, 4


def weights_init(m):
    classname = m.__class__.__name__
    if classname.find("Conv") != -1:
        m.weight.data.normal_(0.0, 0.02)
        if m.bias is not None:
            m.bias.data.fill_(0)
    elif classname.find("BatchNorm") != -1:
        m.weight.data.normal_(1.0, 0.02)
        m.bias.data.fill_(0)


class Generator(nn.Module):
    def __init__(self, latent_size):
        super().__init__()
        self.main = nn.Sequential(
            nn.ConvTranspose2d(latent_size, 16, 4, bias=False), nn.BatchNorm2d(16), nn.LeakyReLU(inplace=True),
            nn.ConvTranspose2d(16, 3, 5, bias=False),
        )
        self.output_bias = nn.Parameter(torch.zeros(3, 8, 8))

    def forward(self, input):
        return torch.sigmoid(self.main(input) + self.output_bias)


class Encoder(nn.Module):
    def __init__(self, latent_size):
        super().__init__()
        self.main = nn.Sequential(
            nn.Conv2d(3, 16, 5, bias=False), nn.BatchNorm2d(16), nn.LeakyReLU(inplace=True),
            nn.Conv2d(16, 2 * latent_size, 4),
        )

    def forward(self, input):
        return self.main(input)


class Discriminator(nn.Module):
    def __init__(self, latent_size, dropout, output_size=1):
        super().__init__()
        self.infer_x = nn.Sequential(
            nn.Conv2d(3, 16, 5, stride=1, bias=True), nn.LeakyReLU(inplace=True), nn.Dropout2d(p=dropout),
            nn.Conv2d(16, 32, 4, stride=1, bias=False), nn.BatchNorm2d(32), nn.LeakyReLU(inplace=True), nn.Dropout2d(p=dropout),
        )
        self.infer_z = nn.Sequential(
            nn.Conv2d(latent_size, 32, 1, stride=1, bias=False), nn.LeakyReLU(inplace=True), nn.Dropout2d(p=dropout),
        )
        self.infer_joint = nn.Sequential(
            nn.Conv2d(64, 64, 1, stride=1, bias=True), nn.LeakyReLU(inplace=True), nn.Dropout2d(p=dropout),
        )
        self.final = nn.Conv2d(64, output_size, 1, stride=1, bias=True)

    def forward(self, x, z):
        output_x = self.infer_x(x)
        output_z = self.infer_z(z)
        output_features = self.infer_joint(torch.cat([output_x, output_z], dim=1))
        output = torch.sigmoid(self.final(output_features))
        return output.squeeze(), output_features.view(x.size()[0], -1)


netE, netG, netD = Encoder(latent_size), Generator(latent_size), Discriminator(latent_size, 0.2, 1)
for net in (netE, netG, netD):
    net.apply(weights_init)
optimizerG = optim.Adam([{"params": netE.parameters()}, {"params": netG.parameters()}], lr=1e-4, betas=(0.5, 0.999))
optimizerD = optim.Adam(netD.parameters(), lr=1e-4, betas=(0.5, 0.999))
criterion = nn.BCELoss()

for i in range(2):
    data = torch.rand(batch_size, 3, 8, 8)
    real_label, fake_label = torch.ones(batch_size), torch.zeros(batch_size)
    noise1 = torch.Tensor(data.size()).normal_(0, 0.1)
    noise2 = torch.Tensor(data.size()).normal_(0, 0.1)

    d_real = data
    z_fake = torch.randn(batch_size, latent_size, 1, 1)
    d_fake = netG(z_fake)
    z_real = netE(d_real).view(batch_size, -1)
    mu, log_sigma = z_real[:, :latent_size], z_real[:, latent_size:]
    sigma = torch.exp(log_sigma)
    epsilon = torch.randn(batch_size, latent_size)
    output_z = mu + epsilon * sigma

    output_real, _ = netD(d_real + noise1, output_z.view(batch_size, latent_size, 1, 1))
    output_fake, _ = netD(d_fake + noise2, z_fake)

    loss_d = criterion(output_real, real_label) + criterion(output_fake, fake_label)
    loss_g = criterion(output_fake, real_label) + criterion(output_real, fake_label)

    if loss_g.item() < 3.5:
        optimizerD.zero_grad()
        loss_d.backward(retain_graph=True)
        optimizerD.step()  # expect: GG002

    optimizerG.zero_grad()
    loss_g.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
    optimizerG.step()
