# case: the fix given in the issue: the training script validates a `deepcopy()` of the model, so the half()/float() casts that val.run performs under inference mode replace the copy's parameters, not the ones the next epoch trains
# source: https://github.com/ultralytics/yolov5/issues/11186
from copy import deepcopy

import torch

import val as validate
from models.yolo import ComputeLoss, Model
from utils.torch_utils import ModelEMA

torch.manual_seed(0)


def make_data(n=2):
    g = torch.Generator().manual_seed(0)
    return [(torch.rand(2, 3, 16, 16, generator=g), torch.rand(2, 4, generator=g)) for _ in range(n)]


model = Model(nc=2)
ema = ModelEMA(model)
optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.937, nesterov=True)
compute_loss = ComputeLoss()
train_loader = make_data()
val_loader = make_data(1)

for epoch in range(2):
    model.train()
    for imgs, targets in train_loader:
        pred = model(imgs)
        loss = compute_loss(pred, targets)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        ema.update(model)
    results = validate.run(val_loader, model=deepcopy(model), training=True)
    print(f"epoch {epoch}: val score {float(results):.4f}")
