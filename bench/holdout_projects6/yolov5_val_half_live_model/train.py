# case: YOLOv5 custom training script: after each epoch it validates by passing its live model to `val.run(..., model=model, training=True)`; val.run is decorated with @smart_inference_mode() and casts the model with `model.half()` / `model.float()`, which replaces every parameter's data by a tensor created in inference mode; the next epoch's forward then asks the first Conv to save an inference-tensor weight for backward
# source: https://github.com/ultralytics/yolov5/issues/11186
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
    results = validate.run(val_loader, model=model, training=True)
    print(f"epoch {epoch}: val score {float(results):.4f}")
