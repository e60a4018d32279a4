# case: the detector loss helper of s11k with the hinge scaled out of place (`v = v * scale`): the relu output relu kept is unchanged, so the merged loss dictionary backpropagates
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
        v = F.relu(self.margin - pred * target)
        v = v * self.hinge_weight
        losses.append(("hinge", v.mean()))
        return losses


def train_step(model, opt, x, target):
    component_losses = {}
    component_losses.update(model.box_losses(x, target))
    total = sum(component_losses.values())
    out = {"loss": total, **component_losses}
    opt.zero_grad()
    out["loss"].backward()
    opt.step()
    return {k: round(v.item(), 4) for k, v in out.items()}


model = Detector()
opt = torch.optim.SGD(model.parameters(), lr=0.05)
print(train_step(model, opt, torch.randn(5, 6), torch.randn(5, 4)))
