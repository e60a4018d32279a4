# case: FPN neck does laterals[i - 1] += upsample(laterals[i]); every lateral is the output of the ReLU in fpn/layers.py, which saved it, so loss.backward() in train.py fails (fix from the thread: out-of-place add)
# source: https://github.com/lyongo/NWPU-MOC/issues/4
import torch
import torch.nn.functional as F

from models import build_model

torch.manual_seed(0)

cfg = {"name": "mcc", "kwargs": {"widths": (8, 16, 32), "neck": 8}}
model = build_model(cfg)
optimizer = torch.optim.Adam(model.parameters(), lr=1e-4)

images = torch.randn(2, 3, 32, 32)
density = torch.rand(2, 1, 16, 16)

model.train()
pred = model(images)
loss = F.mse_loss(pred, density)
optimizer.zero_grad()
loss.backward()  # raises: RuntimeError: modified by an inplace operation
optimizer.step()
print("loss", loss.item())
