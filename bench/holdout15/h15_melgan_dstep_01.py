# case: MelGAN vocoder training (AGAIN-VC repository, melgan.py before the fix): the generator's discriminator response d_fake = D(fake_audio) is computed together with the detached and real responses, then the discriminator is updated with d_optimizer.step(); the generator loss built on d_fake afterwards backpropagates through the weight-normalised discriminator convolutions whose weight_g/weight_v the step has modified
# source: https://github.com/vlomme/AGAIN-MelGan-Voice-Cloning/issues/2
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch import optim
from torch.nn.utils import weight_norm

torch.manual_seed(0)


class Hparams:
    n_mels = 8
    seglen = 8
    hop_length = 64
    batch_size = 2
    lr = 1e-4
    betas1, betas2 = 0.5, 0.9
    lambda_feat = 10
    max_epoch = 1
    log_interval = 1


hp = Hparams()


class residual_stack(nn.Module):
    def __init__(self, size, dilation):
        super().__init__()
        self.block = nn.Sequential(
            nn.LeakyReLU(0.2),
            nn.ReflectionPad1d(dilation),
            weight_norm(nn.Conv1d(size, size, kernel_size=3, dilation=dilation)),
            nn.LeakyReLU(0.2),
            weight_norm(nn.Conv1d(size, size, kernel_size=1)),
        )
        self.shortcut = weight_norm(nn.Conv1d(size, size, kernel_size=1))

    def forward(self, x):
        return self.block(x) + self.shortcut(x)


def encoder_sequential(input_size, output_size, *args, **kwargs):
    return nn.Sequential(
        nn.LeakyReLU(0.2),
        weight_norm(nn.ConvTranspose1d(input_size, output_size, *args, **kwargs)),
    )


class GeneratorMel(nn.Module):
    def __init__(self, mel_dim, base=64, factors=(4, 4, 2, 2)):
        super().__init__()
        layers = [nn.ReflectionPad1d(3), weight_norm(nn.Conv1d(mel_dim, base, kernel_size=7))]
        size = base
        for f in factors:
            layers += [encoder_sequential(size, size // 2, kernel_size=f * 2, stride=f, padding=f // 2 + f % 2)]
            size //= 2
            for d in range(3):
                layers += [residual_stack(size, 3**d)]
        layers += [
            nn.LeakyReLU(0.2),
            nn.ReflectionPad1d(3),
            weight_norm(nn.Conv1d(size, 1, kernel_size=7)),
            nn.Tanh(),
        ]
        self.generator = nn.Sequential(*layers)

    def forward(self, x):
        return self.generator(x)


def decoder_sequential(input_size, output_size, *args, **kwargs):
    return nn.Sequential(
        weight_norm(nn.Conv1d(input_size, output_size, *args, **kwargs)),
        nn.LeakyReLU(0.2, inplace=True),
    )


class Discriminator(nn.Module):
    def __init__(self):
        super().__init__()
        self.discriminator = nn.ModuleList(
            [
                nn.Sequential(
                    nn.ReflectionPad1d(7),
                    weight_norm(nn.Conv1d(1, 4, kernel_size=15)),
                    nn.LeakyReLU(0.2, inplace=True),
                ),
                decoder_sequential(4, 8, kernel_size=11, stride=4, padding=5, groups=2),
                decoder_sequential(8, 16, kernel_size=11, stride=4, padding=5, groups=4),
                decoder_sequential(16, 32, kernel_size=11, stride=4, padding=5, groups=8),
                nn.Sequential(
                    weight_norm(nn.Conv1d(32, 32, kernel_size=5, padding=2)),
                    nn.LeakyReLU(0.2, inplace=True),
                ),
                weight_norm(nn.Conv1d(32, 1, kernel_size=3, padding=1)),
            ]
        )

    def forward(self, x):
        feature_map = []
        for module in self.discriminator:
            x = module(x)  # saver
            feature_map.append(x)
        return feature_map


class MultiScale(nn.Module):
    def __init__(self):
        super().__init__()
        self.block = nn.ModuleList([Discriminator() for _ in range(3)])
        self.avgpool = nn.AvgPool1d(kernel_size=4, stride=2, padding=1, count_include_pad=False)

    def forward(self, x):
        result = []
        for idx, module in enumerate(self.block):
            result.append(module(x))
            if idx <= 1:
                x = self.avgpool(x)
        return result


class MelGanDataset(torch.utils.data.Dataset):
    """Stand-in for the .mel/.wav pairs: random log-mel frames and a waveform of seglen * hop_length samples."""

    def __init__(self, n_items):
        self.mels = torch.randn(n_items, hp.n_mels, hp.seglen)
        self.wavs = torch.tanh(torch.randn(n_items, 1, hp.seglen * hp.hop_length))

    def __len__(self):
        return len(self.mels)

    def __getitem__(self, idx):
        return self.mels[idx], self.wavs[idx]


def train():
    trainset = MelGanDataset(4)
    train_loader = torch.utils.data.DataLoader(trainset, batch_size=hp.batch_size, shuffle=True, drop_last=True)
    G = GeneratorMel(hp.n_mels)
    D = MultiScale()
    g_optimizer = optim.Adam(G.parameters(), lr=hp.lr, betas=(hp.betas1, hp.betas2))
    d_optimizer = optim.Adam(D.parameters(), lr=hp.lr, betas=(hp.betas1, hp.betas2))
    step = 0
    for epoch in range(hp.max_epoch):
        for mel, audio in train_loader:
            fake_audio = G(mel)
            d_fake_detach = D(fake_audio.detach())
            d_fake = D(fake_audio)
            d_real = D(audio)

            # discriminator
            d_loss_real = 0
            for scale in d_real:
                d_loss_real += F.relu(1 - scale[-1]).mean()
            d_loss_fake = 0
            for scale in d_fake_detach:
                d_loss_fake += F.relu(1 + scale[-1]).mean()
            d_loss = d_loss_real + d_loss_fake
            D.zero_grad()
            d_loss.backward()
            d_optimizer.step()  # expect: GG002

            # generator
            g_loss = 0
            for scale in d_fake:
                g_loss += -scale[-1].mean()
            feature_loss = 0
            for i in range(len(d_fake)):
                for j in range(len(d_fake[i]) - 1):
                    feature_loss += F.l1_loss(d_fake[i][j], d_real[i][j].detach())
            g_loss += hp.lambda_feat * feature_loss
            G.zero_grad()
            g_loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
            g_optimizer.step()

            step += 1
            if step % hp.log_interval == 0:
                print(f"epoch {epoch} step {step} D_loss {d_loss.item():.4f} G_loss {g_loss.item():.4f}")


train()
