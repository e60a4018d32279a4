# case: Lightning-style validation: the loop runs validation_step (and the metric reset) under torch.inference_mode(), but the on_validation_batch_end callback updates the accuracy metric outside it, so `self.correct += ...` mutates an inference-mode state tensor. Trainer loop emulated; the thread's fix wraps the update in torch.inference_mode().
# source: https://github.com/Lightning-AI/torchmetrics/issues/1993
import torch
import torch.nn as nn


class MulticlassAccuracy:
    def __init__(self, num_classes):
        self.num_classes = num_classes
        self.reset()

    def reset(self):
        self.correct = torch.zeros(())
        self.total = torch.zeros(())

    def update(self, preds, target):
        self.correct += (preds.argmax(dim=-1) == target).sum()  # expect: GG005  # raises: RuntimeError: Inplace update to inference tensor outside InferenceMode is not allowed
        self.total += target.numel()  # expect: GG005

    def compute(self):
        return self.correct / self.total


class AccuracyCallback:
    def __init__(self, num_classes):
        self.acc_metric = MulticlassAccuracy(num_classes)

    def on_validation_epoch_start(self):
        self.acc_metric.reset()

    def on_validation_batch_end(self, outputs, batch, batch_idx):
        x, target = batch
        preds = outputs["preds"]
        self.acc_metric.update(preds, target)


def validation_step(model, batch):
    x, y = batch
    return {"preds": model(x)}


model = nn.Sequential(nn.Linear(6, 8), nn.ReLU(), nn.Linear(8, 3))
callback = AccuracyCallback(num_classes=3)
val_batches = [(torch.randn(4, 6), torch.randint(0, 3, (4,))) for _ in range(2)]

model.eval()
with torch.inference_mode():
    callback.on_validation_epoch_start()
for batch_idx, batch in enumerate(val_batches):
    with torch.inference_mode():
        outputs = validation_step(model, batch)
    callback.on_validation_batch_end(outputs, batch, batch_idx)
print(callback.acc_metric.compute())
