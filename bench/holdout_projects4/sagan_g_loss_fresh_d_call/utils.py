import torch


def tensor2var(x, grad=False):
    return x.requires_grad_(grad)


def make_noise(batch_size, z_dim):
    return tensor2var(torch.randn(batch_size, z_dim))
