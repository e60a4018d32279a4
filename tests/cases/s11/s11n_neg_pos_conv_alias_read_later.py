# case: the encoder of s11n with the positional convolution added out of place, and `features` (the tensor `x` started as) read again afterwards for a skip term: runs. Written in place there, the skip term would read the sum (the out-of-place rewrite of that version is unsafe)
import torch
import torch.nn as nn

torch.manual_seed(0)


class Encoder(nn.Module):
    def __init__(self, d=8):
        super().__init__()
        self.proj = nn.Linear(4, d)
        self.pos_conv = nn.Conv1d(d, d, kernel_size=3, padding=1)
        self.layer = nn.Linear(d, d)

    def forward(self, source):
        features = self.proj(source)
        x = features
        x_conv = self.pos_conv(x.transpose(1, 2)).transpose(1, 2)
        x = x + x_conv
        return (self.layer(x) + features).mean()


enc = Encoder()
loss = enc(torch.randn(2, 5, 4))
loss.backward()
print(round(loss.item(), 4))
