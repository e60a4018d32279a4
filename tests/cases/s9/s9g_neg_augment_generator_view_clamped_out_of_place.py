# case: a data-augmentation generator yields a mirrored copy of the batch, a sigmoid-squashed copy and a scaled copy; the consumer clamps each view out of place (`view = view.clamp(min=0.1)`), so the sigmoid output stays as it was saved
import torch
import torch.nn as nn


def augment(x):
    yield x.flip(-1)
    yield torch.sigmoid(x)
    yield x * 0.5


torch.manual_seed(0)
model = nn.Linear(4, 4)
feats = model(torch.randn(2, 4))
losses = []
for view in augment(feats):
    view = view.clamp(min=0.1)
    losses.append(view.sum())
sum(losses).backward()
