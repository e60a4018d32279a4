# case: a data-augmentation generator yields a mirrored copy of the batch, a sigmoid-squashed copy and a scaled copy; the consumer clamps each view in place (`view.clamp_(min=0.1)`), which overwrites the squashed copy that sigmoid saved as its output
import torch
import torch.nn as nn


def augment(x):
    yield x.flip(-1)
    yield torch.sigmoid(x)  # saver
    yield x * 0.5


torch.manual_seed(0)
model = nn.Linear(4, 4)
feats = model(torch.randn(2, 4))
losses = []
for view in augment(feats):
    view.clamp_(min=0.1)  # expect: GG002
    losses.append(view.sum())
sum(losses).backward()  # raises: RuntimeError: modified by an inplace operation
