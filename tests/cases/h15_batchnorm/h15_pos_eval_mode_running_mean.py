# case: eval-mode BN normalises with the running stats, so it saves them too; modifying them before backward fails
import torch
import torch.nn as nn

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(3, 4), nn.BatchNorm1d(4), nn.Linear(4, 1))
model.eval()
x = torch.randn(5, 3, requires_grad=True)
saliency_loss = model(x).sum()  # saver
model[1].running_mean.add_(0.1)  # expect: GG002
saliency_loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
