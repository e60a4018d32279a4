# case: GeneralizedRCNNTransform.batch_images as torchvision changed it after the issue: the padded batch is filled by index, `batched_imgs[i, : img.shape[0], ...].copy_(img)`, a plain slice of the base rather than an unbind output; the input-gradient computation runs cleanly
# source: https://github.com/pytorch/vision/issues/4153
import math

import torch
import torch.nn as nn
import torch.nn.functional as F


class GeneralizedRCNNTransform(nn.Module):
    def __init__(self, min_size, max_size, image_mean, image_std, size_divisible=32):
        super().__init__()
        self.min_size = min_size
        self.max_size = max_size
        self.image_mean = image_mean
        self.image_std = image_std
        self.size_divisible = size_divisible

    def normalize(self, image):
        mean = torch.as_tensor(self.image_mean, dtype=image.dtype)
        std = torch.as_tensor(self.image_std, dtype=image.dtype)
        return (image - mean[:, None, None]) / std[:, None, None]

    def resize(self, image):
        h, w = image.shape[-2:]
        scale = min(self.min_size / min(h, w), self.max_size / max(h, w))
        return F.interpolate(image[None], scale_factor=scale, mode="bilinear", recompute_scale_factor=True,
                             align_corners=False)[0]

    def max_by_axis(self, the_list):
        maxes = the_list[0]
        for sublist in the_list[1:]:
            for index, item in enumerate(sublist):
                maxes[index] = max(maxes[index], item)
        return maxes

    def batch_images(self, images, size_divisible=32):
        max_size = self.max_by_axis([list(img.shape) for img in images])
        stride = float(size_divisible)
        max_size = list(max_size)
        max_size[1] = int(math.ceil(float(max_size[1]) / stride) * stride)
        max_size[2] = int(math.ceil(float(max_size[2]) / stride) * stride)

        batch_shape = [len(images)] + max_size
        batched_imgs = images[0].new_full(batch_shape, 0)
        for i in range(batched_imgs.shape[0]):
            img = images[i]
            batched_imgs[i, : img.shape[0], : img.shape[1], : img.shape[2]].copy_(img)
        return batched_imgs

    def forward(self, images):
        images = [self.resize(self.normalize(img)) for img in images]
        image_sizes = [img.shape[-2:] for img in images]
        return self.batch_images(images, size_divisible=self.size_divisible), image_sizes


class TinyDetector(nn.Module):
    """Stand-in for fasterrcnn_resnet50_fpn in training mode: returns a dict of losses."""

    def __init__(self):
        super().__init__()
        self.transform = GeneralizedRCNNTransform(32, 48, [0.485, 0.456, 0.406], [0.229, 0.224, 0.225], size_divisible=16)
        self.backbone = nn.Sequential(nn.Conv2d(3, 8, 3, stride=2, padding=1), nn.ReLU(), nn.Conv2d(8, 5, 1))

    def forward(self, images, targets):
        batched, sizes = self.transform(images)
        feats = self.backbone(batched)
        objectness, box_deltas = feats[:, :1], feats[:, 1:]
        loss_objectness = F.binary_cross_entropy_with_logits(objectness, torch.zeros_like(objectness))
        loss_rpn_box_reg = F.smooth_l1_loss(box_deltas, torch.zeros_like(box_deltas))
        return {"loss_objectness": loss_objectness, "loss_rpn_box_reg": loss_rpn_box_reg}


def loss_gradient(model, x, targets):
    """ART PyTorchFasterRCNN.loss_gradient: gradient of the summed losses w.r.t. the input images."""
    image_tensor_list = []
    for i in range(x.shape[0]):
        img = x[i].clone().detach().requires_grad_(True)
        image_tensor_list.append(img)
    output = model(image_tensor_list, targets)
    loss = sum(output[k] for k in output)
    model.zero_grad()
    loss.backward(retain_graph=True)
    return torch.stack([img.grad for img in image_tensor_list])


torch.manual_seed(0)
model = TinyDetector()
model.train()
x = torch.rand(2, 3, 24, 30)
targets = [{"boxes": torch.tensor([[2.0, 2.0, 10.0, 12.0]]), "labels": torch.tensor([1])} for _ in range(2)]
grads = loss_gradient(model, x, targets)
print(grads.shape)
