import numpy as np
import torch

from net_canny import Net

OUTPUT_NAMES = (
    "blurred_img",
    "grad_mag",
    "grad_orientation",
    "thin_edges",
    "thresholded",
    "early_threshold",
)


def to_batch(raw_img):
    img = torch.from_numpy(raw_img.transpose((2, 0, 1)))
    return torch.stack([img]).float()


def canny(raw_img, threshold=3.0):
    batch = to_batch(raw_img)
    net = Net(threshold=threshold, use_cuda=False)
    net.eval()
    with torch.no_grad():
        outputs = net(batch)
    return dict(zip(OUTPUT_NAMES, outputs))


def synthetic_image(size=24, seed=0):
    rng = np.random.default_rng(seed)
    img = np.zeros((size, size, 3), dtype=np.float32)
    img[size // 4 : 3 * size // 4, size // 4 : 3 * size // 4] = 1.0
    return img + 0.05 * rng.standard_normal(img.shape).astype(np.float32)
