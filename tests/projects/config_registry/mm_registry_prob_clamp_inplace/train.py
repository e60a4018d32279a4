# case: mmcv-style registries (bare `@HEADS.register_module`, `register_module()`, `register_module(name=..., force=True)`) build a classifier from a nested config dict (`build_from_cfg`: `cfg.copy()`, `setdefault` of default args, `pop("type")`, `registry.get`); the head's sigmoid probabilities are clamped in place before the BCE loss
import torch
import torch.nn.functional as F

from mmlite.models import build_classifier

model_cfg = dict(
    type="ImageClassifier",
    backbone=dict(type="TinyConvNet", in_channels=3, width=8),
    neck=dict(type="GAP"),
    head=dict(type="MultiLabelHead", num_classes=4),
)


def train_step(model, optimizer, img, target, eps=1e-4):
    optimizer.zero_grad()
    probs = model(img)
    probs.clamp_(eps, 1 - eps)  # expect: GG002
    loss = F.binary_cross_entropy(probs, target)
    loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
    optimizer.step()
    return loss.item()


if __name__ == "__main__":
    torch.manual_seed(0)
    model = build_classifier(model_cfg)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    img = torch.randn(2, 3, 8, 8)
    target = torch.randint(0, 2, (2, 4)).float()
    train_step(model, optimizer, img, target)
