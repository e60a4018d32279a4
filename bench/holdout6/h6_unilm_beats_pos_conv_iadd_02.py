# source: https://github.com/microsoft/unilm/pull/999
# case: the PR: `x = x.clone() + x_conv` builds a new tensor, so the input the positional Conv1d saved keeps its version; a padding mask is passed, and `x[padding_mask] = 0` writes into the projection output, which nothing saved
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)


class SamePad(nn.Module):
    def __init__(self, kernel_size):
        super().__init__()
        self.remove = 1 if kernel_size % 2 == 0 else 0

    def forward(self, x):
        if self.remove > 0:
            x = x[:, :, : -self.remove]
        return x


class TransformerEncoder(nn.Module):
    def __init__(self, embed_dim=8, conv_pos=4, conv_pos_groups=2):
        super().__init__()
        pos_conv = nn.Conv1d(embed_dim, embed_dim, kernel_size=conv_pos, padding=conv_pos // 2, groups=conv_pos_groups)
        pos_conv = nn.utils.parametrizations.weight_norm(pos_conv, name="weight", dim=2)
        self.pos_conv = nn.Sequential(pos_conv, SamePad(conv_pos), nn.GELU())
        self.layer_norm = nn.LayerNorm(embed_dim)
        self.layers = nn.ModuleList([nn.Linear(embed_dim, embed_dim) for _ in range(2)])

    def forward(self, x, padding_mask=None):
        return self.extract_features(x, padding_mask)

    def extract_features(self, x, padding_mask=None):
        if padding_mask is not None:
            x[padding_mask] = 0
        x_conv = self.pos_conv(x.transpose(1, 2))
        x_conv = x_conv.transpose(1, 2)
        x = x.clone() + x_conv
        x = self.layer_norm(x)
        x = F.dropout(x, p=0.1, training=self.training)
        for layer in self.layers:
            x = x + F.gelu(layer(x))
        return x


class BEATs(nn.Module):
    def __init__(self, embed_dim=8):
        super().__init__()
        self.patch_embedding = nn.Conv2d(1, 4, kernel_size=2, stride=2)
        self.layer_norm = nn.LayerNorm(4)
        self.post_extract_proj = nn.Linear(4, embed_dim)
        self.encoder = TransformerEncoder(embed_dim)

    def forward(self, fbank, padding_mask=None):
        features = self.patch_embedding(fbank.unsqueeze(1))
        features = features.reshape(features.shape[0], features.shape[1], -1).transpose(1, 2)
        features = self.layer_norm(features)
        features = self.post_extract_proj(features)
        return self.encoder(features, padding_mask)


model = BEATs()
head = nn.Linear(8, 3)
optimizer = torch.optim.AdamW(list(model.parameters()) + list(head.parameters()), lr=1e-4)
fbank = torch.randn(2, 8, 8)
padding_mask = torch.zeros(2, 16, dtype=torch.bool)
padding_mask[1, 12:] = True
logits = head(model(fbank, padding_mask).mean(dim=1))
loss = F.cross_entropy(logits, torch.tensor([0, 2]))
loss.backward()
optimizer.step()
