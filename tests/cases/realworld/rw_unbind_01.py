# case: denormalize() iterates over the image channels (unbind views) and calls channel.mul_(std).add_(mean)
# source: https://github.com/MisaOgura/flashtorch/issues/42
import torch


def apply_transforms(image):
    means = torch.tensor([0.485, 0.456, 0.406]).view(3, 1, 1)
    stds = torch.tensor([0.229, 0.224, 0.225]).view(3, 1, 1)
    tensor = ((image - means) / stds).unsqueeze(0)
    tensor.requires_grad = True
    return tensor


def denormalize(tensor):
    means = [0.485, 0.456, 0.406]
    stds = [0.229, 0.224, 0.225]

    denormalized = tensor.clone()

    for channel, mean, std in zip(denormalized[0], means, stds):
        channel.mul_(std).add_(mean)  # expect: GG003  # raises: RuntimeError: This view is the output of a function that returns multiple views

    return denormalized


input_ = apply_transforms(torch.rand(3, 8, 8))
img = denormalize(input_)
