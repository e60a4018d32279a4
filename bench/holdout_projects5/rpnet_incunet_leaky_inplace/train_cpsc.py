# case: RPNet's IncUNet (network.py): every IncResBlock ends in nn.ReLU() (which saves its output), and the next encoder stage `self.e2` is an nn.Sequential that starts with nn.LeakyReLU(0.2, inplace=True), overwriting that output; the CPSC training loop's loss.backward() fails
# source: https://github.com/acrarshin/RPNet/pull/6
import torch
import torch.nn as nn
import torch.optim as optim

from network import IncUNet
from utils import make_loader

torch.manual_seed(0)
C, H, W = 1, 64, 1
trainloader = make_loader()
model = IncUNet(in_shape=(C, H, W))
optimizer = optim.Adam(model.parameters(), lr=1e-3)
scheduler = optim.lr_scheduler.MultiStepLR(optimizer, milestones=[90, 190, 450], gamma=0.1)
criterion = nn.SmoothL1Loss()

for epoch in range(1):
    model.train()
    net_loss = 0
    for step, (x, y) in enumerate(trainloader):
        y_predict = model(x)
        loss = criterion(y, y_predict)
        optimizer.zero_grad()
        loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
        optimizer.step()
        net_loss += loss
    net_loss = net_loss / (step + 1)
    scheduler.step()
