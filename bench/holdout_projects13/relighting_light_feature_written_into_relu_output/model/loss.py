import torch
import torch.nn.functional as F

# Loss function for training


def SpatialGradient(img):
    """First-order Sobel gradients of each channel, shape [B, C, 2, H, W] (kornia's SpatialGradient)."""
    kernel_x = torch.tensor([[-1.0, 0.0, 1.0], [-2.0, 0.0, 2.0], [-1.0, 0.0, 1.0]]) / 8.0
    kernel = torch.stack([kernel_x, kernel_x.t()]).unsqueeze(1).to(img)
    b, c, h, w = img.shape
    padded = F.pad(img.reshape(b * c, 1, h, w), (1, 1, 1, 1), mode="replicate")
    return F.conv2d(padded, kernel).view(b, c, 2, h, w)


def L1(I_t, I_tp, L_s, L_sp):
    img_l1 = torch.sum(torch.abs(I_t - I_tp))

    I_t_grad = SpatialGradient(I_t)
    I_tp_grad = SpatialGradient(I_tp)

    grad_l1 = torch.sum(torch.abs(I_t_grad - I_tp_grad))

    light_l2 = torch.sum((L_s - L_sp) ** 2)

    N = I_t.shape[2]
    loss = ((img_l1 + grad_l1) / (N * N)) + (light_l2 / 9)
    return loss
