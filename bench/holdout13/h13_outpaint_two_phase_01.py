# case: DiverseOutpaint (real_image/train.py) iteration with two generator phases that share one encoding of the masked face (codes, feats = encoder(low)): the "centroid sample" phase trains D, then G with reconstruction + adversarial loss and G_optimizer.step() updates encoder and decoder; the "random sample" phase then decodes new samples from the same codes/feats, so its discriminator backward already runs into encoder convolutions whose weights the first G step overwrote
# source: https://github.com/owenzlz/DiverseOutpaint/issues/2
import torch
import torch.nn.functional as F
from torch import nn, optim

torch.manual_seed(0)


class UNetDown(nn.Module):
    def __init__(self, in_size, out_size, normalize=True):
        super().__init__()
        layers = [nn.Conv2d(in_size, out_size, 4, stride=2, padding=1, bias=False)]
        if normalize:
            layers.append(nn.InstanceNorm2d(out_size, affine=True, track_running_stats=True))
        layers.append(nn.LeakyReLU(0.2))
        self.model = nn.Sequential(*layers)

    def forward(self, x):
        return self.model(x)  # saver


class UNetUp(nn.Module):
    def __init__(self, in_size, out_size):
        super().__init__()
        self.model = nn.Sequential(nn.ConvTranspose2d(in_size, out_size, 4, stride=2, padding=1, bias=False), nn.InstanceNorm2d(out_size, affine=True, track_running_stats=True), nn.ReLU(inplace=True))

    def forward(self, x, skip_input):
        return torch.cat((self.model(x), skip_input), 1)


class Encoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.down1 = UNetDown(3, 8, normalize=False)
        self.down2 = UNetDown(8, 16)
        self.down3 = UNetDown(16, 16, normalize=False)

    def forward(self, x):
        d1 = self.down1(x)
        d2 = self.down2(d1)
        d3 = self.down3(d2)
        return d3.view(d3.shape[0], -1), [d1, d2]


class Decoder(nn.Module):
    def __init__(self, noise_dim):
        super().__init__()
        self.up1 = UNetUp(16 + noise_dim, 16)
        self.up2 = UNetUp(32, 8)
        self.final = nn.Sequential(nn.ConvTranspose2d(16, 3, 4, stride=2, padding=1), nn.Tanh())

    def forward(self, c_z, feats):
        d1, d2 = feats
        return self.final(self.up2(self.up1(c_z, d2), d1))


class PSPDiscriminator(nn.Module):
    def __init__(self):
        super().__init__()
        self.model = nn.Sequential(nn.Conv2d(3, 8, 4, 2, 1), nn.LeakyReLU(0.2, inplace=True), nn.Conv2d(8, 1, 4, 1, 0))

    def forward(self, x):
        return self.model(x).view(x.size(0), -1).mean(1)


def norm(image):
    return (image / 255.0 - 0.5) * 2.0


def collapse_batch(batch):
    _, _, C, H, W = batch.size()
    return batch.view(-1, C, H, W)


def center_sampling(code, num_sample, noise_dim):
    noise = torch.ones(code.size(0), num_sample, noise_dim) * 0.5
    return torch.cat([code[:, None, :].expand(-1, num_sample, -1), noise], dim=2), noise


def diverse_sampling(code, num_sample, noise_dim):
    noise = torch.FloatTensor(code.size(0), num_sample, noise_dim).uniform_()
    return torch.cat([code[:, None, :].expand(-1, num_sample, -1), noise], dim=2), noise


def compute_pairwise_divergence(recodes, codes):
    N, k = codes.size(0), codes.size(1)
    z, x = codes.reshape(N, k, -1), recodes.reshape(N, k, -1)
    z_delta = (z[:, :, None] - z[:, None]).abs().mean(-1)
    x_delta = (x[:, :, None] - x[:, None]).abs().mean(-1)
    return F.relu(z_delta * 0.8 - x_delta).sum()


batch_size, lr_rate, num_sample, noise_dim = 2, 2e-4, 2, 4
encoder, decoder, discriminator = Encoder(), Decoder(noise_dim=noise_dim), PSPDiscriminator()
G_optimizer = optim.Adam([{"params": encoder.parameters()}, {"params": decoder.parameters()}], lr=lr_rate)
D_optimizer = optim.Adam(discriminator.parameters(), lr=lr_rate)
bce = nn.BCEWithLogitsLoss()
loader = [(torch.rand(batch_size, 3, 8, 8) * 255, (torch.rand(batch_size, 3, 8, 8) > 0.5).float()) for _ in range(2)]

encoder, decoder, discriminator = encoder.train(), decoder.train(), discriminator.train()
for idx, images in enumerate(loader):
    high, mask = images
    N, C, H, W = high.shape
    mask[mask > 0] = 1
    low = high * mask
    high, low = norm(high), norm(low)
    codes, feats = encoder(low)

    # centroid sample
    diverse_codes, center_noises = center_sampling(codes, num_sample, noise_dim)
    diverse_codes = diverse_codes[..., None, None]
    expanded_feats = [collapse_batch(feat[:, None, ...].expand(-1, num_sample, -1, -1, -1).contiguous()) for feat in feats]
    high_hat = decoder(diverse_codes.view(-1, diverse_codes.size(2), 1, 1), expanded_feats)
    mask = mask[:, None, :].expand(-1, num_sample, -1, -1, -1).contiguous().view(-1, C, H, W)
    high_unsqueeze = high[:, None, :].expand(-1, num_sample, -1, -1, -1).contiguous().view(-1, C, H, W)
    high_center_hat = (1 - mask) * high_hat + mask * high_unsqueeze
    D_loss = bce(discriminator(high), torch.ones(N)) + bce(discriminator(high_center_hat), torch.zeros(N * num_sample))
    D_optimizer.zero_grad()
    D_loss.backward(retain_graph=True)
    D_optimizer.step()
    high_recon = F.mse_loss(high_center_hat.view(N, num_sample, 3, H, W), high.view(N, 1, 3, H, W).expand(-1, num_sample, -1, -1, -1))
    G_loss = bce(discriminator(high_center_hat), torch.ones(N * num_sample))
    total_loss = G_loss + high_recon
    G_optimizer.zero_grad()
    total_loss.backward(retain_graph=True)
    G_optimizer.step()  # expect: GG002

    # random sample
    diverse_codes, noises = diverse_sampling(codes, num_sample, noise_dim)
    diverse_codes, noises = diverse_codes[..., None, None], noises[..., None, None]
    expanded_feats = [collapse_batch(feat[:, None, ...].expand(-1, num_sample, -1, -1, -1).contiguous()) for feat in feats]
    high_hat = decoder(diverse_codes.view(-1, diverse_codes.size(2), 1, 1), expanded_feats)
    high_hat = (1 - mask) * high_hat + mask * high_unsqueeze
    D_loss = bce(discriminator(high), torch.ones(N)) + bce(discriminator(high_hat), torch.zeros(N * num_sample))
    D_optimizer.zero_grad()
    D_loss.backward(retain_graph=True)  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
    D_optimizer.step()
    G_loss = bce(discriminator(high_hat), torch.ones(N * num_sample))
    pair_div_loss = compute_pairwise_divergence(high_hat.view(N, num_sample, 3, H, W), noises)
    total_loss = G_loss + 0.5 * pair_div_loss
    G_optimizer.zero_grad()
    total_loss.backward()
    G_optimizer.step()
