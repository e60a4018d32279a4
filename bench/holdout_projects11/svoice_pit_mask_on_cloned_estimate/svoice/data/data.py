import logging
import math

import torch

logger = logging.getLogger(__name__)


class Trainset:
    """stand-in for the wsj0-mix json lists: two tones with noise per example, mixed; the last examples are
    shorter and zero-padded to the segment length (the lengths returned are the unpadded ones)"""

    def __init__(self, json_dir, sample_rate=16000, segment=4.0, stride=1.0, pad=True, n_examples=6):
        self.length = int(sample_rate * segment)
        gen = torch.Generator().manual_seed(sum(map(ord, json_dir)))
        t = torch.arange(self.length, dtype=torch.float32) / sample_rate
        self.examples = []
        for i in range(n_examples):
            freqs = torch.rand(2, generator=gen) * sample_rate / 8 + 10
            sources = torch.stack([torch.sin(2 * math.pi * f * t) for f in freqs])
            sources = sources + 0.05 * torch.randn(sources.shape, generator=gen)
            n = self.length if i < n_examples - 2 or not pad else self.length - 8 * (i - n_examples + 3)
            sources[:, n:] = 0
            self.examples.append((sources.sum(0), torch.LongTensor([n]), sources))

    def __getitem__(self, index):
        return self.examples[index]

    def __len__(self):
        return len(self.examples)


class Validset(Trainset):
    """
    load entire wav.
    """

    def __init__(self, json_dir, sample_rate=16000, segment=4.0):
        super().__init__(json_dir, sample_rate=sample_rate, segment=segment, pad=False, n_examples=2)
