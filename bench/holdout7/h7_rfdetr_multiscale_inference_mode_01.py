# source: https://github.com/roboflow/rf-detr/pull/559
# case: RF-DETR train_one_epoch with multi_scale: the batch is resized inside `torch.inference_mode()` (samples.tensors = F.interpolate(...)), so the NestedTensor carries an inference tensor; the grad-accumulation slices of it reach the backbone's first conv, which saves its input for backward
import random
from typing import Optional

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch import Tensor

torch.manual_seed(0)


class NestedTensor(object):
    def __init__(self, tensors, mask: Optional[Tensor]):
        self.tensors = tensors
        self.mask = mask

    def to(self, device):
        cast_tensor = self.tensors.to(device)
        cast_mask = self.mask.to(device) if self.mask is not None else None
        return NestedTensor(cast_tensor, cast_mask)


class Backbone(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 8, 3, stride=2, padding=1)
        self.body = nn.Sequential(nn.GELU(), nn.Conv2d(8, 8, 3, padding=1))

    def forward(self, samples: NestedTensor):
        x = self.stem(samples.tensors)  # expect: GG006  # raises: RuntimeError: Inference tensors cannot be saved for backward
        return self.body(x)


class LWDETR(nn.Module):
    def __init__(self, num_queries=4, num_classes=3):
        super().__init__()
        self.backbone = Backbone()
        self.class_embed = nn.Linear(8, num_classes)
        self.num_queries = num_queries

    def forward(self, samples, targets=None):
        features = self.backbone(samples)
        pooled = features.flatten(2).mean(-1)
        return {"pred_logits": self.class_embed(pooled)}


def criterion(outputs, targets):
    labels = torch.stack([t["labels"][0] for t in targets])
    return {"loss_ce": F.cross_entropy(outputs["pred_logits"], labels)}


model = LWDETR()
optimizer = torch.optim.AdamW(model.parameters(), lr=1e-4)
weight_dict = {"loss_ce": 1.0}
grad_accum_steps, batch_size = 2, 4
sub_batch_size = batch_size // grad_accum_steps
scales = [16, 24]
device = torch.device("cpu")

for it in range(2):
    samples = NestedTensor(torch.randn(batch_size, 3, 20, 20), torch.zeros(batch_size, 20, 20, dtype=torch.bool))
    targets = [{"labels": torch.tensor([i % 3])} for i in range(batch_size)]
    random.seed(it)
    scale = random.choice(scales)
    with torch.inference_mode():
        samples.tensors = F.interpolate(samples.tensors, size=scale, mode="bilinear", align_corners=False)
        samples.mask = F.interpolate(samples.mask.unsqueeze(1).float(), size=scale, mode="nearest").squeeze(1).bool()

    for i in range(grad_accum_steps):
        start_idx = i * sub_batch_size
        final_idx = start_idx + sub_batch_size
        new_samples = NestedTensor(samples.tensors[start_idx:final_idx], samples.mask[start_idx:final_idx]).to(device)
        new_targets = [{k: v.to(device) for k, v in t.items()} for t in targets[start_idx:final_idx]]
        outputs = model(new_samples, new_targets)
        loss_dict = criterion(outputs, new_targets)
        losses = sum((1 / grad_accum_steps) * loss_dict[k] * weight_dict[k] for k in loss_dict if k in weight_dict)
        losses.backward()
    optimizer.step()
    optimizer.zero_grad()
