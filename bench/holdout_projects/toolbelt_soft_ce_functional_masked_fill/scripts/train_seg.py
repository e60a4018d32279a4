# case: refactored soft-CE: log_softmax (soft_ce.py) feeds label_smoothed_nll_loss (toolbelt/functional.py, imported with from ..functional), which masks the ignored pixels with in-place masked_fill_ on the negated gather/sum results; those results are not saved by anything, so training runs cleanly (src/ layout)
# source: https://github.com/BloodAxe/pytorch-toolbelt/issues/45
# pythonpath: src
import torch
import torch.nn as nn

from toolbelt.losses import SoftCrossEntropyLoss

torch.manual_seed(0)
num_classes = 4
model = nn.Sequential(nn.Conv2d(3, 8, 3, padding=1), nn.BatchNorm2d(8), nn.ReLU(inplace=True),
                      nn.Conv2d(8, num_classes, 1))
criterion = SoftCrossEntropyLoss(smooth_factor=0.1, ignore_index=255)
optimizer = torch.optim.SGD(model.parameters(), lr=0.01)

for step in range(2):
    images = torch.randn(2, 3, 16, 16)
    masks = torch.randint(0, num_classes, (2, 16, 16))
    masks[:, :2, :] = 255
    loss = criterion(model(images), masks)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
print("loss", loss.item())
