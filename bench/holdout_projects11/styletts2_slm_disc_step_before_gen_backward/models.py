# stand-ins for the StyleTTS 2 modules, cut down to the tensors the second stage passes around
import torch
import torch.nn as nn
import torch.nn.functional as F

from Modules.discriminators import WavLMDiscriminator
from utils import Munch


class TextEncoder(nn.Module):
    def __init__(self, channels, kernel_size, depth, n_symbols):
        super().__init__()
        self.embedding = nn.Embedding(n_symbols, channels)
        padding = (kernel_size - 1) // 2
        self.cnn = nn.ModuleList(
            [nn.Sequential(nn.Conv1d(channels, channels, kernel_size, padding=padding), nn.LeakyReLU(0.2))
             for _ in range(depth)])

    def forward(self, x, input_lengths, m):
        x = self.embedding(x)  # [B, T, emb]
        x = x.transpose(1, 2)  # [B, emb, T]
        m = m.unsqueeze(1)
        x = x.masked_fill(m, 0.0)
        for c in self.cnn:
            x = c(x)
            x = x.masked_fill(m, 0.0)
        return x


class CustomAlbert(nn.Module):
    """stand-in for PL-BERT: token embedding and one feed-forward layer"""

    def __init__(self, n_token, hidden_size):
        super().__init__()
        self.embeddings = nn.Embedding(n_token, hidden_size)
        self.ffn = nn.Linear(hidden_size, hidden_size)

    def forward(self, input_ids, attention_mask=None):
        h = self.embeddings(input_ids)
        h = h + torch.tanh(self.ffn(h))
        if attention_mask is not None:
            h = h * attention_mask.unsqueeze(-1)
        return h


class StyleEncoder(nn.Module):
    def __init__(self, dim_in, style_dim, max_conv_dim):
        super().__init__()
        self.shared = nn.Sequential(
            nn.Conv2d(1, dim_in, 3, 1, 1),
            nn.LeakyReLU(0.2),
            nn.Conv2d(dim_in, max_conv_dim, 3, 1, 1),
            nn.LeakyReLU(0.2),
            nn.AdaptiveAvgPool2d(1),
        )
        self.unshared = nn.Linear(max_conv_dim, style_dim)

    def forward(self, x):
        h = self.shared(x)
        h = h.view(h.size(0), -1)
        return self.unshared(h)


class ProsodyPredictor(nn.Module):
    def __init__(self, style_dim, d_hid, max_dur=50, dropout=0.1):
        super().__init__()
        self.text_encoder = nn.Linear(d_hid + style_dim, d_hid)
        self.lstm = nn.LSTM(d_hid + style_dim, d_hid // 2, 1, batch_first=True, bidirectional=True)
        self.duration_proj = nn.Linear(d_hid, max_dur)

        self.shared = nn.LSTM(d_hid + style_dim, d_hid // 2, 1, batch_first=True, bidirectional=True)
        self.F0 = nn.Conv1d(d_hid, d_hid // 2, 3, 1, 1)
        self.N = nn.Conv1d(d_hid, d_hid // 2, 3, 1, 1)
        self.F0_style = nn.Linear(style_dim, d_hid // 2)
        self.N_style = nn.Linear(style_dim, d_hid // 2)
        self.F0_proj = nn.Conv1d(d_hid // 2, 1, 1, 1, 0)
        self.N_proj = nn.Conv1d(d_hid // 2, 1, 1, 1, 0)

    def forward(self, texts, style, text_lengths, alignment, m):
        s = style.unsqueeze(1).expand(-1, texts.shape[-1], -1)
        d = torch.cat([texts.transpose(-1, -2), s], dim=-1)
        d = torch.cat([self.text_encoder(d), s], dim=-1)  # [B, T, d_hid + style]
        d = d.masked_fill(m.unsqueeze(-1), 0.0)

        x, _ = self.lstm(d)
        duration = self.duration_proj(nn.functional.dropout(x, 0.5, training=self.training))

        en = d.transpose(-1, -2) @ alignment
        return duration.squeeze(-1), en

    def F0Ntrain(self, x, s):
        x, _ = self.shared(x.transpose(-1, -2))
        x = x.transpose(-1, -2)
        x = F.interpolate(x, scale_factor=2, mode="nearest")

        F0 = self.F0_proj(F.leaky_relu(self.F0(x) + self.F0_style(s).unsqueeze(-1), 0.2))
        N = self.N_proj(F.leaky_relu(self.N(x) + self.N_style(s).unsqueeze(-1), 0.2))
        return F0.squeeze(1), N.squeeze(1)


class Decoder(nn.Module):
    """stand-in for the HiFi-GAN decoder: features + F0 + energy -> waveform, `hop` samples per frame"""

    def __init__(self, dim_in, style_dim, hop=2):
        super().__init__()
        self.hop = hop
        self.encode = nn.Conv1d(dim_in + 2, dim_in, 3, 1, 1)
        self.style = nn.Linear(style_dim, dim_in)
        self.conv_post = nn.Conv1d(dim_in, hop, 3, 1, 1)

    def forward(self, asr, F0_curve, N, s):
        F0 = F.avg_pool1d(F0_curve.unsqueeze(1), 2)
        N = F.avg_pool1d(N.unsqueeze(1), 2)
        x = torch.cat([asr, F0, N], dim=1)
        x = F.leaky_relu(self.encode(x) + self.style(s).unsqueeze(-1), 0.2)
        x = F.interpolate(x, scale_factor=2, mode="nearest")
        x = torch.tanh(self.conv_post(x))  # [B, hop, 2T]
        return x.transpose(1, 2).reshape(x.shape[0], 1, -1)


class StyleDenoiser(nn.Module):
    """stand-in for the style diffusion model: predicts a style vector from noise and the BERT context"""

    def __init__(self, style_dim, bert_hidden):
        super().__init__()
        self.net = nn.Linear(style_dim * 2 + bert_hidden, style_dim * 2)

    def forward(self, noise, embedding):
        context = embedding.mean(dim=1, keepdim=True)
        return noise + self.net(torch.cat([noise, context], dim=-1))


class DiffusionSampler(nn.Module):
    def __init__(self, denoiser, clamp=False):
        super().__init__()
        self.denoiser = denoiser
        self.clamp = clamp

    def forward(self, noise, embedding, embedding_scale=1, embedding_mask_proba=0.1, num_steps=3, features=None):
        x = noise
        for _ in range(num_steps):
            x = x + (self.denoiser(x, embedding * embedding_scale) - x) / num_steps
        return x


def build_model(args, bert):
    text_encoder = TextEncoder(channels=args.hidden_dim, kernel_size=5, depth=2, n_symbols=args.n_token)
    predictor = ProsodyPredictor(style_dim=args.style_dim, d_hid=args.hidden_dim, max_dur=args.max_dur)
    style_encoder = StyleEncoder(dim_in=4, style_dim=args.style_dim, max_conv_dim=args.hidden_dim)  # acoustic style
    predictor_encoder = StyleEncoder(dim_in=4, style_dim=args.style_dim, max_conv_dim=args.hidden_dim)  # prosodic
    decoder = Decoder(dim_in=args.hidden_dim, style_dim=args.style_dim)
    diffusion = StyleDenoiser(args.style_dim, args.hidden_dim)

    nets = Munch(
        bert=bert,
        bert_encoder=nn.Linear(args.hidden_dim, args.hidden_dim),
        predictor=predictor,
        decoder=decoder,
        text_encoder=text_encoder,
        predictor_encoder=predictor_encoder,
        style_encoder=style_encoder,
        diffusion=diffusion,
        wd=WavLMDiscriminator(args.slm.hidden, args.slm.nlayers, args.slm.initial_channel),
    )
    return nets
