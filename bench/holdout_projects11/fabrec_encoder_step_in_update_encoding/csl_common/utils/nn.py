import numpy as np
import torch


def count_parameters(m):
    return sum(p.numel() for p in m.parameters() if p.requires_grad)


def to_numpy(ft):
    if isinstance(ft, np.ndarray):
        return ft
    try:
        return ft.detach().cpu().numpy()
    except AttributeError:
        return None


def unsqueeze(x):
    if isinstance(x, np.ndarray):
        return x[np.newaxis, ...]
    else:
        return x.unsqueeze(dim=0)


def atleast4d(x):
    if len(x.shape) == 3:
        return unsqueeze(x)
    return x


def set_requires_grad(module, value):
    for p in module.parameters():
        p.requires_grad = value


class Batch:

    def __init__(self, data, n=None, gpu=True, eval=False):
        self.images = atleast4d(data['image'])
        self.eval = eval
        self.ids = data.get('id')
        self.target_images = data.get('target')
        if n is not None:
            self.images = self.images[:n]
        device = torch.device('cuda' if gpu and torch.cuda.is_available() else 'cpu')
        self.images = self.images.to(device)
        if self.target_images is not None:
            self.target_images = self.target_images.to(device)

    def __len__(self):
        return len(self.images)
