from typing import List

import torch.nn as nn


class _Stretch2d(nn.Module):
    def __init__(self, time_scale: int, freq_scale: int) -> None:
        super().__init__()
        self.freq_scale = freq_scale
        self.time_scale = time_scale

    def forward(self, specgram):
        return specgram.repeat_interleave(self.freq_scale, -2).repeat_interleave(self.time_scale, -1)


class _UpsampleNetwork(nn.Module):
    """Stretch + smoothing conv per upsampling stage; the smoothing kernels start as box filters."""

    def __init__(self, upsample_scales: List[int], n_freq: int = 8) -> None:
        super().__init__()
        self.total_scale = 1
        for s in upsample_scales:
            self.total_scale *= s
        up_layers = []
        for scale in upsample_scales:
            stretch = _Stretch2d(scale, 1)
            conv = nn.Conv2d(1, 1, kernel_size=(1, scale * 2 + 1), padding=(0, scale), bias=False)
            conv.weight.fill_(1.0 / (scale * 2 + 1))  # expect: GG001  # raises: RuntimeError: a leaf Variable that requires grad
            up_layers.append(stretch)
            up_layers.append(conv)
        self.upsample_layers = nn.Sequential(*up_layers)

    def forward(self, specgram):
        specgram = specgram.unsqueeze(1)
        specgram = self.upsample_layers(specgram)
        return specgram.squeeze(1)
