# case: a detector's loss helper returns a list of ("name", tensor) pairs built with append, the trainer merges them with `component_losses.update(...)` and backpropagates `out["loss"]` from `{"loss": total, **component_losses}`; one component scales a relu hinge in place (`v *= scale`), rewriting the relu output that relu kept for backward
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)


class Detector(nn.Module):
    def __init__(self, d=6, margin=1.0, hinge_weight=0.5):
        super().__init__()
        self.backbone = nn.Linear(d, 4)
        self.margin = margin
        self.hinge_weight = hinge_weight

    def box_losses(self, x, target):
        pred = self.backbone(x)
        losses = []
        losses.append(("l1", F.l1_loss(pred, target)))
        v = F.relu(self.margin - pred * target)  # saver
        v *= self.hinge_weight  # expect: GG002
        losses.append(("hinge", v.mean()))
        return losses


def train_step(model, opt, x, target):
    component_losses = {}
    component_losses.update(model.box_losses(x, target))
    total = sum(component_losses.values())
    out = {"loss": total, **component_losses}
    opt.zero_grad()
    out["loss"].backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
    opt.step()
    return {k: round(v.item(), 4) for k, v in out.items()}


model = Detector()
opt = torch.optim.SGD(model.parameters(), lr=0.05)
print(train_step(model, opt, torch.randn(5, 6), torch.randn(5, 4)))
