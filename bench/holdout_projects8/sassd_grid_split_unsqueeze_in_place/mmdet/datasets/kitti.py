import math

import torch


def generate_anchors(grid_size, sizes=(0.8, 1.6, 0.8), rotations=(0.0, math.pi / 2), z=-1.0):
    """Anchors on a BEV grid, ordered (y, x, rotation): [x, y, z, w, l, h, r]."""
    H, W = grid_size
    anchors = []
    for yi in range(H):
        for xi in range(W):
            for r in rotations:
                anchors.append([xi + 0.5, yi + 0.5, z, sizes[0], sizes[1], sizes[2], r])
    return torch.tensor(anchors)


class KittiLiDAR(torch.utils.data.Dataset):
    """Stand-in for the KITTI LiDAR dataset: random dense voxel features and random car boxes."""

    def __init__(self, num_samples, grid_size, num_gt, seed=0):
        generator = torch.Generator().manual_seed(seed)
        self.grid_size = grid_size
        self.anchors = generate_anchors(grid_size)
        self.samples = []
        for i in range(num_samples):
            voxels = torch.randn(4, *grid_size, generator=generator)
            centers = 1.0 + torch.rand(num_gt, 2, generator=generator) * (min(grid_size) - 2)
            rest = torch.tensor([[-1.0, 0.8, 1.6, 0.8]]).repeat(num_gt, 1)
            rot = (torch.rand(num_gt, 1, generator=generator) - 0.5) * math.pi
            boxes = torch.cat([centers, rest, rot], 1)
            self.samples.append(dict(img_meta=dict(sample_idx=i), voxels=voxels, gt_bboxes=boxes))

    def __len__(self):
        return len(self.samples)

    def __getitem__(self, idx):
        sample = dict(self.samples[idx])
        sample["gt_labels"] = torch.ones(len(sample["gt_bboxes"]), dtype=torch.long)
        sample["anchors"] = self.anchors
        sample["anchors_mask"] = torch.ones(len(self.anchors), dtype=torch.bool)
        return sample


def collate(batch):
    return dict(
        img_meta=[b["img_meta"] for b in batch],
        voxels=torch.stack([b["voxels"] for b in batch]),
        anchors=torch.stack([b["anchors"] for b in batch]),
        anchors_mask=torch.stack([b["anchors_mask"] for b in batch]),
        gt_bboxes=[b["gt_bboxes"] for b in batch],
        gt_labels=[b["gt_labels"] for b in batch],
    )


def build_dataloader(dataset, imgs_per_gpu, shuffle=True):
    return torch.utils.data.DataLoader(dataset, batch_size=imgs_per_gpu, shuffle=shuffle, collate_fn=collate)
