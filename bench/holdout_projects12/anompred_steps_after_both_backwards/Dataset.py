import random

import numpy as np
import torch
from torch.utils.data import Dataset

# Stand-in for the frame folders of Avenue: each "video" is a short sequence of random frames.
NUM_VIDEOS = 3
FRAMES_PER_VIDEO = 9


class train_dataset(Dataset):
    """
    No data augmentation.
    Normalized from [0, 255] to [-1, 1], the channels are BGR due to cv2 and liteFlownet.
    """

    def __init__(self, cfg):
        self.img_h = cfg.img_size[0]
        self.img_w = cfg.img_size[1]
        self.clip_length = 5

        rng = np.random.RandomState(0)
        self.videos = []
        self.all_seqs = []
        for _ in range(NUM_VIDEOS):
            frames = rng.uniform(-1, 1, (FRAMES_PER_VIDEO, 3, self.img_h, self.img_w)).astype(np.float32)
            self.videos.append(frames)
            random_seq = list(range(len(frames) - 4))
            random.shuffle(random_seq)
            self.all_seqs.append(random_seq)

    def __len__(self):  # This decide the indice range of the PyTorch Dataloader.
        return len(self.videos)

    def __getitem__(self, indice):  # Indice decide which video folder to be loaded.
        one_folder = self.videos[indice]

        start = self.all_seqs[indice][-1]  # Always use the last index in self.all_seqs.
        video_clip = []
        for i in range(start, start + self.clip_length):
            video_clip.append(one_folder[i])

        video_clip = np.array(video_clip).reshape((-1, self.img_h, self.img_w))
        video_clip = torch.from_numpy(video_clip)

        flow_str = f'{indice}_{start + 3}-{start + 4}'
        return indice, video_clip, flow_str
