# case: torchaudio GriffinLim (2020, real-valued [..., 2] spectra) used as a differentiable vocoder after a linear spectrogram model: each iteration normalizes the phase estimate with `angles = angles.div_(complex_norm(angles).add_(1e-16)...)`, but complex_norm(angles) starts with angles.pow(2.), which saved angles
# source: https://github.com/pytorch/audio/issues/729
import math

import torch


def complex_norm(complex_tensor, power=1.0):
    return complex_tensor.pow(2.).sum(-1).pow(0.5 * power)  # saver


def stft(x, n_fft, hop_length, win_length, window):
    spec = torch.stft(x, n_fft=n_fft, hop_length=hop_length, win_length=win_length, window=window, return_complex=True)
    return torch.view_as_real(spec)


def istft(spec, n_fft, hop_length, win_length, window, length=None):
    return torch.istft(torch.view_as_complex(spec.contiguous()), n_fft=n_fft, hop_length=hop_length,
                       win_length=win_length, window=window, length=length)


def griffinlim(specgram, window, n_fft, hop_length, win_length, power, normalized, n_iter, momentum, length, rand_init):
    assert momentum < 1, 'momentum=%s > 1 can be unstable' % momentum
    assert momentum > 0, 'momentum=%s < 0' % momentum

    # pack batch
    shape = specgram.size()
    specgram = specgram.reshape([-1] + list(shape[-2:]))

    specgram = specgram.pow(1 / power)

    # randomly initialize the phase
    batch, freq, frames = specgram.size()
    if rand_init:
        angles = 2 * math.pi * torch.rand(batch, freq, frames)
    else:
        angles = torch.zeros(batch, freq, frames)
    angles = torch.stack([angles.cos(), angles.sin()], dim=-1).to(dtype=specgram.dtype, device=specgram.device)
    specgram = specgram.unsqueeze(-1).expand_as(angles)

    # And initialize the previous iterate to 0
    rebuilt = torch.tensor(0.)

    for _ in range(n_iter):
        # Store the previous iterate
        tprev = rebuilt

        # Invert with our current estimate of the phases
        inverse = istft(specgram * angles, n_fft=n_fft, hop_length=hop_length, win_length=win_length,
                        window=window, length=length).float()

        # Rebuild the spectrogram
        rebuilt = stft(inverse, n_fft, hop_length, win_length, window)

        # Update our phase estimates
        angles = rebuilt - tprev.mul_(momentum / (1 + momentum))
        angles = angles.div_(complex_norm(angles).add_(1e-16).unsqueeze(-1).expand_as(angles))  # expect: GG002

    # Return the final phase estimates
    waveform = istft(specgram * angles, n_fft=n_fft, hop_length=hop_length, win_length=win_length,
                     window=window, length=length)

    # unpack batch
    return waveform.reshape(shape[:-2] + waveform.shape[-1:])


class GriffinLim(torch.nn.Module):
    def __init__(self, n_fft=400, n_iter=32, win_length=None, hop_length=None, power=2., normalized=False,
                 momentum=0.99, length=None, rand_init=True):
        super().__init__()
        self.n_fft = n_fft
        self.n_iter = n_iter
        self.win_length = win_length if win_length is not None else n_fft
        self.hop_length = hop_length if hop_length is not None else self.win_length // 2
        self.register_buffer('window', torch.hann_window(self.win_length))
        self.normalized = normalized
        self.length = length
        self.power = power
        self.momentum = momentum / (1 + momentum)
        self.rand_init = rand_init

    def forward(self, specgram):
        return griffinlim(specgram, self.window, self.n_fft, self.hop_length, self.win_length, self.power,
                          self.normalized, self.n_iter, self.momentum, self.length, self.rand_init)


torch.manual_seed(0)
n_fft, hop, win = 32, 8, 20
x = torch.rand(1, 256)
spec = stft(x, n_fft, hop, win, torch.hann_window(win))
mag = spec.pow(2).sum(-1).transpose(1, -1)
model = torch.nn.Linear(n_fft // 2 + 1, n_fft // 2 + 1)
out = model(mag).transpose(1, -1).abs()
resyn = GriffinLim(n_fft=n_fft, hop_length=hop, win_length=win, n_iter=3, length=x.shape[-1])
wav = resyn(out)
optimizer = torch.optim.Adam(model.parameters(), lr=0.0001)
loss = torch.nn.functional.mse_loss(wav, x)
loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
optimizer.step()
