# case: WavGAN training from the same repository (wavgan.py, unchanged by the fix): a U-Net style waveform generator (GeneratorWav, skip connections kept in self.x1..self.x4) refines Griffin-Lim audio; d_fake = D(fake_audio) is computed before the discriminator update and its d_optimizer.step(), so the generator's adversarial and feature-matching backward meets weight-normalised discriminator weights that the step has modified
# source: https://github.com/vlomme/AGAIN-MelGan-Voice-Cloning/issues/2
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch import optim
from torch.nn.utils import weight_norm

torch.manual_seed(0)


class Hparams:
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


class GeneratorWav(nn.Module):
    def __init__(self):
        super().__init__()
        self.Conv_1 = nn.Sequential(nn.ReflectionPad1d(7), weight_norm(nn.Conv1d(1, 4, kernel_size=15)), nn.LeakyReLU(0.2))
        self.Conv_2 = nn.Sequential(
            weight_norm(nn.Conv1d(4, 8, kernel_size=11, stride=4, padding=5, groups=2)), nn.LeakyReLU(0.2)
        )
        self.Conv_3 = nn.Sequential(
            weight_norm(nn.Conv1d(8, 16, kernel_size=11, stride=4, padding=5, groups=4)), nn.LeakyReLU(0.2)
        )
        self.Conv_4 = nn.Sequential(
            weight_norm(nn.Conv1d(16, 32, kernel_size=11, stride=4, padding=5, groups=8)),
            residual_stack(32, 1),
            residual_stack(32, 3),
            nn.LeakyReLU(0.2),
        )
        self.ConvTrans_4 = nn.Sequential(
            weight_norm(nn.ConvTranspose1d(32, 16, kernel_size=8, stride=4, padding=2)),
            residual_stack(16, 1),
            residual_stack(16, 3),
            nn.LeakyReLU(0.2),
        )
        self.ConvTrans_3 = nn.Sequential(
            weight_norm(nn.ConvTranspose1d(16, 8, kernel_size=8, stride=4, padding=2)),
            residual_stack(8, 1),
            residual_stack(8, 3),
            nn.LeakyReLU(0.2),
        )
        self.ConvTrans_2 = nn.Sequential(
            weight_norm(nn.ConvTranspose1d(8, 4, kernel_size=8, stride=4, padding=2)),
            residual_stack(4, 1),
            residual_stack(4, 3),
            nn.LeakyReLU(0.2),
        )
        self.ConvTrans_1 = nn.Sequential(nn.ReflectionPad1d(3), weight_norm(nn.Conv1d(4, 1, kernel_size=7)), nn.Tanh())

    def forward(self, x):
        self.x1 = self.Conv_1(x)
        self.x2 = self.Conv_2(self.x1)
        self.x3 = self.Conv_3(self.x2)
        self.x4 = self.Conv_4(self.x3)
        self.x4 = self.ConvTrans_4(self.x4) + self.x3
        self.x3 = self.ConvTrans_3(self.x4) + self.x2
        self.x2 = self.ConvTrans_2(self.x3) + self.x1
        self.x1 = self.ConvTrans_1(self.x2)
        return self.x1


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


class WavGanDataset(torch.utils.data.Dataset):
    """Stand-in for the .glim/.wav pairs: a noisy Griffin-Lim reconstruction and the clean waveform."""

    def __init__(self, n_items):
        self.wavs = torch.tanh(torch.randn(n_items, 1, hp.seglen * hp.hop_length))
        self.glims = self.wavs + 0.1 * torch.randn_like(self.wavs)

    def __len__(self):
        return len(self.wavs)

    def __getitem__(self, idx):
        return self.glims[idx], self.wavs[idx]


def train():
    trainset = WavGanDataset(4)
    train_loader = torch.utils.data.DataLoader(trainset, batch_size=hp.batch_size, shuffle=True, drop_last=True)
    G = GeneratorWav()
    D = MultiScale()
    g_optimizer = optim.Adam(G.parameters(), lr=hp.lr, betas=(hp.betas1, hp.betas2))
    d_optimizer = optim.Adam(D.parameters(), lr=hp.lr, betas=(hp.betas1, hp.betas2))
    step = 0
    for epoch in range(hp.max_epoch):
        for audio_input, audio_output in train_loader:
            fake_audio = G(audio_input)
            d_fake_detach = D(fake_audio.detach())
            d_fake = D(fake_audio)
            d_real = D(audio_output)

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
