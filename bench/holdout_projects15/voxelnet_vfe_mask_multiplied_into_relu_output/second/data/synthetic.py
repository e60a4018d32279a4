import numpy as np
import torch


class VoxelGenerator:
    def __init__(self, voxel_size, point_cloud_range, max_num_points):
        self.voxel_size = np.array(voxel_size, dtype=np.float32)
        self.point_cloud_range = np.array(point_cloud_range, dtype=np.float32)
        extent = self.point_cloud_range[3:] - self.point_cloud_range[:3]
        self.grid_size = np.round(extent / self.voxel_size).astype(np.int64)
        self.max_num_points = max_num_points


def random_example(voxel_generator, batch_size, max_num_voxels, seed):
    rng = np.random.default_rng(seed)
    nx, ny, _ = voxel_generator.grid_size.tolist()
    T = voxel_generator.max_num_points
    voxels, num_points, coors = [], [], []
    for b in range(batch_size):
        cells = rng.choice(nx * ny, size=max_num_voxels, replace=False)
        for cell in cells:
            y, x = divmod(int(cell), nx)
            n = int(rng.integers(1, T + 1))
            pts = np.zeros((T, 4), dtype=np.float32)
            pts[:n, 0] = voxel_generator.point_cloud_range[0] + (x + rng.random(n)) * voxel_generator.voxel_size[0]
            pts[:n, 1] = voxel_generator.point_cloud_range[1] + (y + rng.random(n)) * voxel_generator.voxel_size[1]
            pts[:n, 2] = rng.uniform(-2.0, 0.5, n)
            pts[:n, 3] = rng.random(n)
            voxels.append(pts)
            num_points.append(n)
            coors.append([b, 0, y, x])
    num_anchor_per_loc = 2
    return {
        "voxels": torch.from_numpy(np.stack(voxels)),
        "num_points": torch.tensor(num_points, dtype=torch.int32),
        "coordinates": torch.tensor(coors, dtype=torch.int64),
        "batch_size": batch_size,
        "reg_targets": torch.from_numpy(
            rng.standard_normal((batch_size, num_anchor_per_loc * 7, ny, nx)).astype(np.float32)
        ),
        "labels": torch.from_numpy(
            (rng.random((batch_size, num_anchor_per_loc, ny, nx)) < 0.1).astype(np.float32)
        ),
    }
