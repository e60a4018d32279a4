# case: @torch.inference_mode() helper builds a mask; the mask is multiplied with a trainable tensor
import torch


@torch.inference_mode()
def make_mask(n):
    return (torch.arange(n) % 2).float()


w = torch.randn(4, requires_grad=True)
mask = make_mask(4)
loss = (w * mask).sum()  # expect: GG006  # raises: RuntimeError: Inference tensors cannot be saved for backward.
loss.backward()
