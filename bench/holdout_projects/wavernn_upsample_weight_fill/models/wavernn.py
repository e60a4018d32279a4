import torch
import torch.nn as nn
import torch.nn.functional as F

from .upsample import _UpsampleNetwork


class WaveRNN(nn.Module):
    def __init__(self, upsample_scales, n_classes=16, n_freq=8, n_rnn=16, n_fc=16):
        super().__init__()
        self.upsample = _UpsampleNetwork(upsample_scales, n_freq)
        self.fc = nn.Linear(n_freq + 1, n_rnn)
        self.rnn = nn.GRU(n_rnn, n_rnn, batch_first=True)
        self.fc1 = nn.Linear(n_rnn, n_fc)
        self.fc2 = nn.Linear(n_fc, n_classes)

    def forward(self, waveform, specgram):
        cond = self.upsample(specgram).transpose(1, 2)  # (B, T, n_freq)
        x = torch.cat([waveform.unsqueeze(-1), cond], dim=-1)
        x, _ = self.rnn(self.fc(x))
        return self.fc2(F.relu(self.fc1(x)))
