# case: a wav2vec-style encoder reads its conv feature spec with `eval(args.conv_feature_layers)`, projects the features when their width differs from the model dim, and adds the positional convolution back with `x += x_conv.transpose(1, 2)`; the positional Conv1d kept a transposed view of x for its weight gradient, so the += breaks the backward
import argparse

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
parser = argparse.ArgumentParser()
parser.add_argument("--conv-feature-layers", type=str, default="[(8, 10, 5), (8, 3, 2)]")
parser.add_argument("--encoder-dim", type=int, default=12)
args = parser.parse_args([])


class Encoder(nn.Module):
    def __init__(self, args):
        super().__init__()
        conv_layers = eval(args.conv_feature_layers)
        layers, in_ch = [], 1
        for dim, k, stride in conv_layers:
            layers += [nn.Conv1d(in_ch, dim, k, stride=stride), nn.GELU()]
            in_ch = dim
        self.feature_extractor = nn.Sequential(*layers)
        embed = conv_layers[-1][0]
        dim = args.encoder_dim
        self.proj = nn.Linear(embed, dim) if embed != dim else None
        self.pos_conv = nn.Conv1d(dim, dim, 3, padding=1, groups=4)

    def forward(self, wav):
        x = self.feature_extractor(wav.unsqueeze(1)).transpose(1, 2)
        if self.proj is not None:
            x = self.proj(x)
        x_conv = self.pos_conv(x.transpose(1, 2))  # saver
        x += F.gelu(x_conv).transpose(1, 2)  # expect: GG002
        return x


model = Encoder(args)
wav = torch.randn(2, 60)
out = model(wav)
loss = out.pow(2).mean()
loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
print(out.shape, round(loss.item(), 4))
