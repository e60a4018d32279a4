# case: the loss is a masked-MAE closure or an L1Loss module depending on an option the analysis cannot read (an environment variable); either way it carries the graph of the sigmoid output, which the in-place scaling then modifies before the backward
import os

import torch
import torch.nn as nn

torch.manual_seed(0)


def masked_mae_loss(mask_value):
    def loss(preds, labels):
        mask = torch.gt(labels, mask_value)
        return torch.mean(torch.abs(torch.masked_select(labels, mask) - torch.masked_select(preds, mask)))

    return loss


LOSS = os.environ.get("GG_CASE_LOSS", "mae")
if LOSS == "mask_mae":
    criterion = masked_mae_loss(0.0)
elif LOSS == "mae":
    criterion = nn.L1Loss()
else:
    raise ValueError(LOSS)

model = nn.Linear(4, 2)
x, y = torch.randn(8, 4), torch.rand(8, 2)
out = torch.sigmoid(model(x))  # saver
loss = criterion(out, y)
out.mul_(2.0)  # expect: GG002
loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
