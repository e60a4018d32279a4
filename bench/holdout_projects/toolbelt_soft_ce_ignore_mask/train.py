# case: pytorch-toolbelt SoftCrossEntropyLoss with smoothing and an ignore index multiplies the log_softmax output in place (log_prb *= mask) after log_softmax and nll_loss saved it; only the configuration chosen in train.py reaches that branch, and loss.backward() fails
# source: https://github.com/BloodAxe/pytorch-toolbelt/issues/45
import torch

from losses import SoftCrossEntropyLoss
from segmentation import build_segmenter

torch.manual_seed(0)
num_classes = 4
model = build_segmenter(num_classes)
criterion = SoftCrossEntropyLoss(smooth_factor=0.1, ignore_index=255)
optimizer = torch.optim.SGD(model.parameters(), lr=0.01)

images = torch.randn(2, 3, 16, 16)
masks = torch.randint(0, num_classes, (2, 16, 16))
masks[:, :2, :] = 255  # unlabeled border

logits = model(images)
loss = criterion(logits, masks)
optimizer.zero_grad()
loss.backward()  # raises: RuntimeError: modified by an inplace operation
optimizer.step()
