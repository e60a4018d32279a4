# case: glasses-detector GlassesDetector.predict(format="int"): the forward pass runs under eval_infer_mode (torch.inference_mode), and the format callback's verify_bboxes rescales the predicted boxes in place (`boxes[:, 0] = boxes[:, 0] * w / resize[0]`) outside inference mode
# source: https://github.com/mantasu/glasses-detector/issues/19
from contextlib import contextmanager

import torch
import torch.nn as nn


@contextmanager
def eval_infer_mode(model, train=False):
    was_training = model.training
    model.train(train)
    with torch.inference_mode():
        yield
    model.train(was_training)


class TinyBinaryDetector(nn.Module):
    """Stand-in for the small detector: one box per image as [x_min, y_min, x_max, y_max]."""

    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(nn.Conv2d(3, 4, 3, stride=2), nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten())
        self.head = nn.Linear(4, 4)

    def forward(self, imgs):
        x = torch.stack(imgs)
        boxes = torch.sigmoid(self.head(self.features(x))) * 256
        return [{"boxes": b[None], "labels": torch.ones(1, dtype=torch.long), "scores": torch.ones(1)} for b in boxes]


class GlassesDetector:
    def __init__(self):
        self.model = TinyBinaryDetector()

    def forward(self, x):
        return [pred["boxes"] for pred in self.model([*x])]

    def predict(self, images, format="int", resize=(256, 256)):
        def verify_bboxes(ori_size, boxes):
            w, h = ori_size
            if resize is not None and (w, h) != resize:
                # Convert bboxes back to original size
                boxes[:, 0] = boxes[:, 0] * w / resize[0]  # expect: GG005  # raises: RuntimeError: Inplace update to inference tensor outside InferenceMode is not allowed
                boxes[:, 1] = boxes[:, 1] * h / resize[1]
                boxes[:, 2] = boxes[:, 2] * w / resize[0]
                boxes[:, 3] = boxes[:, 3] * h / resize[1]
            return boxes

        def format_fn(ori_size, pred):
            pred = verify_bboxes(ori_size, pred)
            return [[int(p.item()) for p in b] for b in pred]

        xs = [img for img, _ in images]
        with eval_infer_mode(self.model):
            # Perform forward pass without grad
            preds = self.forward(torch.stack(xs))
        return [format_fn(size, pred) for (_, size), pred in zip(images, preds)]


torch.manual_seed(0)
det = GlassesDetector()
# (image resized to 256x256, original (width, height))
batch = [(torch.rand(3, 32, 32), (640, 480)), (torch.rand(3, 32, 32), (320, 320))]
print(det.predict(batch, format="int"))
