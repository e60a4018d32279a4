# source: https://github.com/luxonis/luxonis-train/pull/366
# case: the PR's guard: before updating, `if self.confusion_matrix.is_inference(): self.confusion_matrix = self.confusion_matrix.clone()`; outside inference mode the clone is a normal tensor, so the later in-place counts are allowed
import torch
from torch import Tensor

torch.manual_seed(0)


class DetectionConfusionMatrix:
    def __init__(self, n_classes):
        self.n_classes = n_classes
        self.confusion_matrix = torch.zeros(n_classes + 1, n_classes + 1, dtype=torch.int64)

    def reset(self):
        self.confusion_matrix = torch.zeros(self.n_classes + 1, self.n_classes + 1, dtype=torch.int64)

    def update(self, predictions: list[Tensor], targets: Tensor) -> None:
        if self.confusion_matrix.is_inference():
            self.confusion_matrix = self.confusion_matrix.clone()
        for i, pred in enumerate(predictions):
            target = targets[targets[:, 0] == i]
            pred_classes = pred[:, 5].int()
            target_classes = target[:, 1].int()
            n = min(len(pred_classes), len(target_classes))
            for p, t in zip(pred_classes[:n].tolist(), target_classes[:n].tolist()):
                self.confusion_matrix[t, p] += 1
            for t in target_classes[n:].tolist():
                self.confusion_matrix[t, self.n_classes] += 1

    def compute(self):
        return self.confusion_matrix.clone()


def fake_batch(batch_size=2, n_classes=3):
    preds = [torch.cat([torch.rand(2, 5), torch.randint(0, n_classes, (2, 1)).float()], dim=1) for _ in range(batch_size)]
    targets = torch.cat([torch.arange(batch_size).repeat_interleave(3)[:, None].float(), torch.randint(0, n_classes, (3 * batch_size, 1)).float(), torch.rand(3 * batch_size, 4)], dim=1)
    return preds, targets


metric = DetectionConfusionMatrix(n_classes=3)

# validation epoch (the trainer runs it under inference mode)
with torch.inference_mode():
    metric.reset()
    preds, targets = fake_batch()
    metric.update(preds, targets)
    print(metric.compute())

# quantisation-aware evaluation afterwards, outside inference mode
preds, targets = fake_batch()
metric.update(preds, targets)
print(metric.compute())
