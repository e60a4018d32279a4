import torch
import torch.nn as nn

__all__ = ["AdversarialLoss", "InpaintingLoss"]


class AdversarialLoss(nn.Module):
    """Adversarial loss (nsgan | lsgan | hinge)."""

    def __init__(self, type="nsgan", target_real_label=1.0, target_fake_label=0.0):
        super().__init__()
        self.type = type
        self.register_buffer("real_label", torch.tensor(target_real_label))
        self.register_buffer("fake_label", torch.tensor(target_fake_label))
        if type == "nsgan":
            self.criterion = nn.BCELoss()
        elif type == "lsgan":
            self.criterion = nn.MSELoss()
        elif type == "hinge":
            self.criterion = nn.ReLU()

    def __call__(self, outputs, is_real, is_disc=None):
        if self.type == "hinge":
            if is_disc:
                if is_real:
                    outputs = -outputs
                return self.criterion(1 + outputs).mean()
            return (-outputs).mean()
        labels = (self.real_label if is_real else self.fake_label).expand_as(outputs)
        return self.criterion(outputs, labels)


class InpaintingLoss(nn.Module):
    """L1 hole/valid terms of the partial-conv inpainting loss (the VGG style terms are left out)."""

    def forward(self, input, mask, output, gt):
        return {
            "hole": torch.mean(torch.abs((1 - mask) * (output - gt))),
            "valid": torch.mean(torch.abs(mask * (output - gt))),
        }
