# case: wav2vec 2.0 keyword-spotting fine-tune (fairseq TransformerEncoder.extract_features): `x_conv = self.pos_conv(x.transpose(1, 2))` saves a transposed view of x for the conv backward, then `x += x_conv` adds the convolutional position embedding to x in place
# source: https://github.com/dobby-seo/Wav2Keyword/pull/9
import math

import torch
import torch.nn as nn
import torch.nn.functional as F


class SamePad(nn.Module):
    def __init__(self, kernel_size):
        super().__init__()
        self.remove = 1 if kernel_size % 2 == 0 else 0

    def forward(self, x):
        if self.remove > 0:
            x = x[:, :, : -self.remove]
        return x


class ConvFeatureExtractor(nn.Module):
    def __init__(self, dim=16):
        super().__init__()
        self.conv_layers = nn.ModuleList([
            nn.Sequential(nn.Conv1d(1, dim, 10, stride=5, bias=False), nn.GroupNorm(dim, dim), nn.GELU()),
            nn.Sequential(nn.Conv1d(dim, dim, 3, stride=2, bias=False), nn.GELU()),
        ])

    def forward(self, x):
        x = x.unsqueeze(1)
        for conv in self.conv_layers:
            x = conv(x)
        return x


class TransformerEncoder(nn.Module):
    def __init__(self, embed_dim=16, conv_pos=4, conv_pos_groups=4, layers=1):
        super().__init__()
        self.pos_conv = nn.Conv1d(embed_dim, embed_dim, kernel_size=conv_pos, padding=conv_pos // 2, groups=conv_pos_groups)
        std = math.sqrt(4 / (conv_pos * embed_dim))
        nn.init.normal_(self.pos_conv.weight, mean=0, std=std)
        nn.init.constant_(self.pos_conv.bias, 0)
        self.pos_conv = nn.Sequential(self.pos_conv, SamePad(conv_pos), nn.GELU())
        self.layers = nn.ModuleList(
            [nn.TransformerEncoderLayer(embed_dim, nhead=2, dim_feedforward=32, dropout=0.0) for _ in range(layers)]
        )
        self.layer_norm = nn.LayerNorm(embed_dim)

    def forward(self, x):
        return self.extract_features(x)

    def extract_features(self, x):
        x_conv = self.pos_conv(x.transpose(1, 2))  # saver
        x_conv = x_conv.transpose(1, 2)
        x += x_conv  # expect: GG002

        x = self.layer_norm(x)
        x = F.dropout(x, p=0.1, training=self.training)
        # B x T x C -> T x B x C
        x = x.transpose(0, 1)
        for layer in self.layers:
            x = layer(x)
        return x.transpose(0, 1)


class Wav2Vec2Model(nn.Module):
    def __init__(self, embed=16):
        super().__init__()
        self.feature_extractor = ConvFeatureExtractor(embed)
        self.layer_norm = nn.LayerNorm(embed)
        self.post_extract_proj = nn.Linear(embed, embed)
        self.encoder = TransformerEncoder(embed)

    def extract_features(self, source):
        features = self.feature_extractor(source)
        features = features.transpose(1, 2)
        features = self.layer_norm(features)
        x = self.post_extract_proj(features)
        return self.encoder(x)


class KWS(nn.Module):
    def __init__(self, n_class=3):
        super().__init__()
        self.w2v_encoder = Wav2Vec2Model()
        self.decoder = nn.Linear(16, n_class)

    def forward(self, x):
        x = self.w2v_encoder.extract_features(x)
        return self.decoder(x.mean(dim=1))


torch.manual_seed(0)
model = KWS()
optimizer = torch.optim.Adam(model.parameters(), lr=1e-4)
criterion = nn.CrossEntropyLoss()
waveform = torch.randn(2, 200)
label = torch.tensor([0, 2])
logits = model(waveform)
loss = criterion(logits, label)
optimizer.zero_grad()
loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
optimizer.step()
