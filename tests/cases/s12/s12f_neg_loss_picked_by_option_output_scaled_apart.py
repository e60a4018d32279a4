# case: the same loss picked by an option; the scaled output is a new tensor (out-of-place), so the sigmoid output the backward needs is unchanged and it runs
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
out = torch.sigmoid(model(x))
loss = criterion(out, y)
scaled = out.mul(2.0)
loss.backward()
