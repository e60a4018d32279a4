# case: RK-Net USAM zeroes the border of its attention map with att[...] = 0 right after the ReLU that saved att, so the cross-view training step fails in loss.backward() (fix from the thread: att = att.clone() under `if self.polish`)
# source: https://github.com/AggMan96/RK-Net/issues/9
import torch
import torch.nn as nn

from models import two_view_net

torch.manual_seed(0)

model = two_view_net(class_num=5, width=16)
criterion = nn.CrossEntropyLoss()
optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)

satellite = torch.randn(4, 3, 48, 48)
street = torch.randn(4, 3, 48, 48)
labels = torch.tensor([0, 1, 2, 3])

model.train()
optimizer.zero_grad()
out_sat, out_street = model(satellite, street)
loss = criterion(out_sat, labels) + criterion(out_street, labels)
loss.backward()  # raises: RuntimeError: modified by an inplace operation
optimizer.step()
