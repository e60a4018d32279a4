"""Random stand-in for SpokenCOCO: (waveform, image, img_id) triples."""
import torch
from torch.utils.data import Dataset


class ImageCaptionDataset(Dataset):
    def __init__(self, n=8, audio_len=400, img_size=16, seed=0):
        gen = torch.Generator().manual_seed(seed)
        self.audio = torch.randn(n, audio_len, generator=gen)
        self.images = torch.randn(n, 3, img_size, img_size, generator=gen)

    def __len__(self):
        return self.audio.shape[0]

    def __getitem__(self, i):
        return self.audio[i], self.images[i], i


def collate(batch):
    audio = torch.stack([b[0] for b in batch])
    images = torch.stack([b[1] for b in batch])
    return {
        "audio": audio,
        "audio_attention_mask": torch.zeros(audio.shape, dtype=torch.bool),
        "images": images,
        "img_id": torch.tensor([b[2] for b in batch]),
    }
