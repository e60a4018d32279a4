# case: a DataLoader over a user Dataset whose items are NumPy arrays (the default collation makes them tensors); an augmentor network rotates each batch on a random branch, its optimizer steps after the augmentor loss's backward, and the classifier loss, computed on the rotated batch, is then backpropagated through the augmentor's weights the step rewrote (PointAugment's training order)
import random

import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset

random.seed(0)
np.random.seed(0)
torch.manual_seed(0)


class Clouds(Dataset):
    def __len__(self):
        return 8

    def __getitem__(self, index):
        return np.random.rand(5, 3).astype(np.float32), np.int64(index % 2)


augmentor = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 9))
classifier = nn.Linear(15, 2)
opt_a = torch.optim.Adam(augmentor.parameters(), lr=1e-3)
opt_c = torch.optim.Adam(classifier.parameters(), lr=1e-3)
loader = DataLoader(Clouds(), batch_size=4)
for points, target in loader:
    noise = torch.randn(points.size(0), 4)
    rotation = augmentor(noise).view(-1, 3, 3)  # saver
    if random.uniform(0, 1) > 0.5:
        aug = torch.bmm(points, rotation)
    else:
        aug = points.transpose(1, 2).transpose(1, 2)
    pred = classifier(aug.flatten(1))
    aug_loss = -nn.functional.cross_entropy(pred, target)
    opt_a.zero_grad()
    aug_loss.backward(retain_graph=True)
    opt_a.step()  # expect: GG002
    opt_c.zero_grad()
    cls_loss = nn.functional.cross_entropy(pred, target)
    cls_loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
    opt_c.step()
