# source: https://github.com/pytorch/pytorch/issues/39150
# case: look-alike: the patch is applied with a multiplicative mask built out of place (`images * scale` with `scale[..., y0:y1, x0:x1] = gain` written into a fresh ones tensor), so the only in-place write is into a tensor that does not require grad, and the attack runs
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)


def apply_patch(images, box, gain):
    y0, y1, x0, x1 = box
    scale = torch.ones_like(images[:1])
    scale[..., y0:y1, x0:x1] = gain
    return images * scale


class Classifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(nn.Conv2d(3, 6, 3, padding=1), nn.ReLU(), nn.AdaptiveAvgPool2d(2))
        self.fc = nn.Linear(24, 5)

    def forward(self, x):
        return self.fc(self.features(x).flatten(1))


def attack(model, images, labels, box, steps=3, step_size=0.05):
    adv = images.clone().requires_grad_()
    for _ in range(steps):
        patched = apply_patch(adv, box, gain=1.5)
        loss = F.cross_entropy(model(patched), labels)
        (grad,) = torch.autograd.grad(loss, adv)
        with torch.no_grad():
            adv += step_size * grad.sign()
            adv.clamp_(0, 1)
    return adv.detach()


model = Classifier().eval()
images = torch.rand(2, 3, 12, 12)
labels = torch.tensor([1, 3])
adv = attack(model, images, labels, box=(4, 10, 4, 10))
print(adv.shape)
