# case: wav2vec-style positional convolution added in place to `x`, which is the same tensor as `features` (`x = features`); Conv1d saved a view of x for its weight gradient, so backward fails. `features` is only assigned afresh afterwards, so rewriting `x += x_conv` out of place keeps what is computed (a safe fix, checked on the losses)
import torch
import torch.nn as nn

torch.manual_seed(0)


class Encoder(nn.Module):
    def __init__(self, d=8):
        super().__init__()
        self.proj = nn.Linear(4, d)
        self.dropout_input = nn.Dropout(0.1)
        self.pos_conv = nn.Conv1d(d, d, kernel_size=3, padding=1)
        self.layer = nn.Linear(d, d)

    def forward(self, source):
        features = self.proj(source)
        features = self.dropout_input(features)
        x = features
        x_conv = self.pos_conv(x.transpose(1, 2)).transpose(1, 2)  # saver
        x += x_conv  # expect: GG002
        features = self.layer(x)
        return features.mean()


enc = Encoder()
loss = enc(torch.randn(2, 5, 4))
loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
print(round(loss.item(), 4))
