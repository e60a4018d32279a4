# source: https://github.com/espnet/espnet/issues/1272
# case: ESPnet's DNN-WPE front end after the fix (PR #1273): the padded frames of the dereverberated spectrum are zeroed in place (`enhanced.masked_fill_(make_pad_mask(ilens, enhanced), 0)`); `enhanced` is the difference `data - filtered`, which no backward node saved, so training the mask estimator runs
import torch
import torch.nn as nn

torch.manual_seed(0)


def make_pad_mask(lengths, xs):
    maxlen = xs.size(1)
    seq_range = torch.arange(maxlen).unsqueeze(0)
    mask = seq_range >= lengths.unsqueeze(1)
    return mask.view(mask.size(0), maxlen, *([1] * (xs.dim() - 2))).expand_as(xs)


class MaskEstimator(nn.Module):
    def __init__(self, idim, units=8):
        super().__init__()
        self.brnn = nn.LSTM(idim, units, batch_first=True)
        self.linear = nn.Linear(units, idim)

    def forward(self, power, ilens):
        h, _ = self.brnn(power)
        mask = torch.sigmoid(self.linear(h))
        return mask.masked_fill(make_pad_mask(ilens, mask), 0)


def wpe_one_iteration(data, power, taps=2, delay=1, eps=1e-6):
    """Delayed linear prediction of the late reverberation (real-valued stand-in for the complex WPE)."""
    inverse_power = 1.0 / torch.clamp(power, min=eps)
    frames = data.size(1)
    filtered = torch.zeros_like(data)
    for tap in range(taps):
        shift = delay + tap
        delayed = torch.cat([torch.zeros_like(data[:, :shift]), data[:, : frames - shift]], dim=1)
        weight = (delayed * data * inverse_power).mean(dim=1, keepdim=True)
        filtered = filtered + weight * delayed
    return data - filtered


class DNN_WPE(nn.Module):
    def __init__(self, idim=6, taps=2, delay=1, iterations=1):
        super().__init__()
        self.iterations = iterations
        self.taps = taps
        self.delay = delay
        self.mask_est = MaskEstimator(idim)

    def forward(self, data, ilens):
        enhanced = data
        mask = None
        for i in range(self.iterations):
            power = enhanced.pow(2)
            if i == 0:
                mask = self.mask_est(power, ilens)
                power = power * mask
            enhanced = wpe_one_iteration(data, power, self.taps, self.delay)
            enhanced.masked_fill_(make_pad_mask(ilens, enhanced), 0)
        return enhanced, ilens, mask


frontend = DNN_WPE()
optimizer = torch.optim.Adam(frontend.parameters(), lr=1e-3)
data = torch.randn(2, 7, 6)
ilens = torch.tensor([7, 5])
target = torch.randn(2, 7, 6)
enhanced, _, _ = frontend(data, ilens)
loss = (enhanced - target).pow(2).mean()
optimizer.zero_grad()
loss.backward()
optimizer.step()
