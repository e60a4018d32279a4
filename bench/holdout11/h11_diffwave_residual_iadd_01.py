# case: DiffWave vocoder residual block as in the repo: h = x; h += part_t adds the diffusion-step embedding into the block input in place; for the first block x is the output of init_conv's ReLU, which ReLU saved for backward, so the training loss cannot be backpropagated
# source: https://github.com/philsyn/DiffWave-Vocoder/issues/2
import math

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.nn.utils.parametrizations import weight_norm

torch.manual_seed(0)


def swish(x):
    return x * torch.sigmoid(x)


def calc_diffusion_step_embedding(diffusion_steps, dim_in):
    half_dim = dim_in // 2
    _embed = np.log(10000) / (half_dim - 1)
    _embed = diffusion_steps * torch.exp(torch.arange(half_dim) * -_embed)
    return torch.cat((torch.sin(_embed), torch.cos(_embed)), 1)


class ResidualBlock(nn.Module):
    def __init__(self, res_channels, skip_channels, dilation, embed_dim_out, n_mels=8, hop=4):
        super().__init__()
        self.res_channels = res_channels
        self.fc_t = nn.Linear(embed_dim_out, res_channels)
        self.dilated_conv_layer = weight_norm(nn.Conv1d(res_channels, 2 * res_channels, 3, dilation=dilation, padding=dilation))
        self.upsample = weight_norm(nn.ConvTranspose2d(1, 1, (3, 2 * hop), padding=(1, hop // 2), stride=(1, hop)))
        self.mel_conv = weight_norm(nn.Conv1d(n_mels, 2 * res_channels, 1))
        self.res_conv = weight_norm(nn.Conv1d(res_channels, res_channels, 1))
        self.skip_conv = weight_norm(nn.Conv1d(res_channels, skip_channels, 1))

    def forward(self, input_data):
        x, mel_spec, diffusion_step_embed = input_data
        h = x
        B, C, L = x.shape
        part_t = self.fc_t(diffusion_step_embed).view([B, self.res_channels, 1])
        h += part_t  # expect: GG002
        h = self.dilated_conv_layer(h)
        mel_spec = F.leaky_relu(self.upsample(mel_spec.unsqueeze(1)), 0.4).squeeze(1)[:, :, :L]
        h += self.mel_conv(mel_spec)
        out = torch.tanh(h[:, : self.res_channels, :]) * torch.sigmoid(h[:, self.res_channels :, :])
        res = self.res_conv(out)
        skip = self.skip_conv(out)
        return (x + res) * math.sqrt(0.5), skip


class WaveNetVocoder(nn.Module):
    def __init__(self, res_channels=8, skip_channels=8, num_res_layers=3, dilation_cycle=2, embed_in=16, embed_mid=32, embed_out=32):
        super().__init__()
        self.embed_in, self.num_res_layers = embed_in, num_res_layers
        self.init_conv = nn.Sequential(weight_norm(nn.Conv1d(1, res_channels, 1)), nn.ReLU())  # saver
        self.fc_t1, self.fc_t2 = nn.Linear(embed_in, embed_mid), nn.Linear(embed_mid, embed_out)
        self.blocks = nn.ModuleList(
            ResidualBlock(res_channels, skip_channels, 2 ** (n % dilation_cycle), embed_out) for n in range(num_res_layers)
        )
        self.final_conv = nn.Sequential(weight_norm(nn.Conv1d(skip_channels, skip_channels, 1)), nn.ReLU(), nn.Conv1d(skip_channels, 1, 1))

    def forward(self, input_data):
        audio, mel_spectrogram, diffusion_steps = input_data
        emb = calc_diffusion_step_embedding(diffusion_steps, self.embed_in)
        emb = swish(self.fc_t2(swish(self.fc_t1(emb))))
        h, skip = self.init_conv(audio), 0
        for block in self.blocks:
            h, skip_n = block((h, mel_spectrogram, emb))
            skip += skip_n
        return self.final_conv(skip * math.sqrt(1.0 / self.num_res_layers))


T = 20
Beta = torch.linspace(1e-4, 0.05, T)
Alpha_bar = torch.cumprod(1 - Beta, dim=0)


def training_loss(net, loss_fn, X):
    mel_spectrogram, audio = X
    B = audio.shape[0]
    diffusion_steps = torch.randint(T, size=(B, 1, 1))
    z = torch.randn_like(audio)
    transformed_X = torch.sqrt(Alpha_bar[diffusion_steps]) * audio + torch.sqrt(1 - Alpha_bar[diffusion_steps]) * z
    epsilon_theta = net((transformed_X, mel_spectrogram, diffusion_steps.view(B, 1)))
    return loss_fn(epsilon_theta, z)


net = WaveNetVocoder()
optimizer = torch.optim.Adam(net.parameters(), lr=2e-4)
for n_iter in range(2):
    mel_spectrogram, audio = torch.randn(2, 8, 16), torch.randn(2, 1, 64).clamp(-1, 1)
    optimizer.zero_grad()
    loss = training_loss(net, nn.MSELoss(), (mel_spectrogram, audio))
    loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
    optimizer.step()
print("iteration", n_iter, "loss", loss.item())
