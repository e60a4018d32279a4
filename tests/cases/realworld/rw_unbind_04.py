# case: make_grid(normalize=True, scale_each=True) on conv kernels: "for t in tensor" then clamp_ on each t (the following sub_/div_ dropped)
# source: https://github.com/pytorch/pytorch/issues/48149
import torch
import torch.nn as nn


def norm_ip(img, low, high):
    img.clamp_(min=low, max=high)  # expect: GG003  # raises: RuntimeError: is a view and is being modified inplace


def norm_range(t, range=None):
    if range is not None:
        norm_ip(t, range[0], range[1])
    else:
        norm_ip(t, float(t.min()), float(t.max()))


def make_grid(tensor, normalize=False, scale_each=False):
    if normalize is True:
        tensor = tensor.clone()  # avoid modifying tensor in-place
        if scale_each is True:
            for t in tensor:  # loop over mini-batch dimension
                norm_range(t)
    return tensor


conv = nn.Conv2d(3, 4, 3)
kernels = conv.weight
c_out, c_int, k_w, k_h = tuple(kernels.shape)
for o_idx in range(c_out):
    kernel_idx = kernels[o_idx, :, :, :].unsqueeze(1)  # kernel_idx.grad_fn == UnsqueezeBackward0
    img_grid = make_grid(kernel_idx, normalize=True, scale_each=True)
