import numpy as np
import torch
from torch.utils.data import DataLoader


class FilePathDataset(torch.utils.data.Dataset):
    """Phoneme ids from the list file; the recordings are generated from the file index
    (stand-in for the LJSpeech wavs), with per-token durations standing in for the aligner."""

    def __init__(self, data_list, root_path, sr=800, hop=2, n_mels=4, validation=False):
        self.data_list = [line.strip().split("|") for line in data_list]
        self.root_path = root_path
        self.sr = sr
        self.hop = hop
        self.n_mels = n_mels
        self.validation = validation

    def __len__(self):
        return len(self.data_list)

    def __getitem__(self, idx):
        path, text, speaker_id = self.data_list[idx]
        text = [0] + [int(t) for t in text.split()] + [0]
        rng = np.random.RandomState(idx)
        durations = rng.randint(2, 5, size=len(text))
        n_frames = int(durations.sum()) * 2
        wave = rng.randn(n_frames * self.hop).astype(np.float32) * 0.1
        frames = wave.reshape(n_frames, self.hop)
        mel = np.stack([np.log(np.abs(frames).mean(1) * (k + 1) + 1e-5) for k in range(self.n_mels)])
        mel = (mel + 4) / 4
        return speaker_id, torch.FloatTensor(mel), torch.LongTensor(text), wave, torch.LongTensor(durations)


class Collater(object):
    def __init__(self, return_wave=False):
        self.return_wave = return_wave

    def __call__(self, batch):
        batch_size = len(batch)
        nmels = batch[0][1].size(0)
        max_mel_length = max(b[1].shape[1] for b in batch)
        max_text_length = max(b[2].shape[0] for b in batch)

        mels = torch.zeros((batch_size, nmels, max_mel_length)).float()
        texts = torch.zeros((batch_size, max_text_length)).long()
        durations = torch.zeros((batch_size, max_text_length)).long()
        input_lengths = torch.zeros(batch_size).long()
        output_lengths = torch.zeros(batch_size).long()
        waves = [None for _ in range(batch_size)]

        for bid, (label, mel, text, wave, dur) in enumerate(batch):
            mel_size = mel.size(1)
            text_size = text.size(0)
            mels[bid, :, :mel_size] = mel
            texts[bid, :text_size] = text
            durations[bid, :text_size] = dur
            input_lengths[bid] = text_size
            output_lengths[bid] = mel_size
            waves[bid] = wave

        ref_texts = texts.flip(0)
        ref_lengths = input_lengths.flip(0)
        return waves, texts, input_lengths, ref_texts, ref_lengths, mels, output_lengths, durations


def build_dataloader(path_list, root_path, validation=False, batch_size=4, num_workers=0, device="cpu",
                     collate_config={}, dataset_config={}):
    dataset = FilePathDataset(path_list, root_path, validation=validation, **dataset_config)
    collate_fn = Collater(**collate_config)
    data_loader = DataLoader(dataset,
                             batch_size=batch_size,
                             shuffle=(not validation),
                             num_workers=num_workers,
                             drop_last=(not validation),
                             collate_fn=collate_fn,
                             pin_memory=(device != "cpu"))

    return data_loader
