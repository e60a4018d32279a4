# case: WaveRNN upsample network initialises its smoothing kernels with conv.weight.fill_(...) instead of conv.weight.data.fill_ / nn.init.constant_; constructing the model in train.py fails because the weight is a leaf that requires grad
# source: https://github.com/pytorch/audio/pull/1993
import torch
import torch.nn.functional as F

from models import WaveRNN

torch.manual_seed(0)
model = WaveRNN(upsample_scales=[2, 2])
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)

specgram = torch.randn(2, 8, 5)
waveform = torch.randn(2, 20)
target = torch.randint(0, 16, (2, 20))
logits = model(waveform, specgram)
loss = F.cross_entropy(logits.transpose(1, 2), target)
optimizer.zero_grad()
loss.backward()
optimizer.step()
