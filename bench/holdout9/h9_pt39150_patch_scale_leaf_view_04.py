# source: https://github.com/pytorch/pytorch/issues/39150
# case: the same attack with the patch pasted instead of scaled (`images[:, :, y0:y1, x0:x1] = patch` in `apply_patch`): the basic-slice assignment copies into a view of the leaf image, and torch raises the view-of-a-leaf error at the assignment
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)


def apply_patch(images, box, patch):
    y0, y1, x0, x1 = box
    images[:, :, y0:y1, x0:x1] = patch  # expect: GG001  # raises: RuntimeError: a view of a leaf Variable that requires grad is being used in an in-place operation
    return images


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
        patched = apply_patch(adv, box, patch=torch.full((3, 6, 6), 0.5))
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
