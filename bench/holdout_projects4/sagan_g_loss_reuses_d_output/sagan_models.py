import torch
import torch.nn as nn


class Self_Attn(nn.Module):
    """Self attention layer; its output is scaled by the learned `gamma` (a one-element Parameter)."""

    def __init__(self, in_dim):
        super().__init__()
        self.query_conv = nn.Conv2d(in_dim, in_dim // 2, kernel_size=1)
        self.key_conv = nn.Conv2d(in_dim, in_dim // 2, kernel_size=1)
        self.value_conv = nn.Conv2d(in_dim, in_dim, kernel_size=1)
        self.gamma = nn.Parameter(torch.zeros(1))
        self.softmax = nn.Softmax(dim=-1)

    def forward(self, x):
        b, c, w, h = x.size()
        proj_query = self.query_conv(x).view(b, -1, w * h).permute(0, 2, 1)
        proj_key = self.key_conv(x).view(b, -1, w * h)
        attention = self.softmax(torch.bmm(proj_query, proj_key))
        proj_value = self.value_conv(x).view(b, -1, w * h)
        out = torch.bmm(proj_value, attention.permute(0, 2, 1)).view(b, c, w, h)
        out = self.gamma * out + x
        return out, attention


class Generator(nn.Module):
    def __init__(self, z_dim=8, conv_dim=8):
        super().__init__()
        self.l1 = nn.Sequential(nn.ConvTranspose2d(z_dim, conv_dim, 4), nn.BatchNorm2d(conv_dim), nn.ReLU())
        self.attn1 = Self_Attn(conv_dim)
        self.last = nn.Sequential(nn.ConvTranspose2d(conv_dim, 3, 4, 2, 1), nn.Tanh())

    def forward(self, z):
        out = self.l1(z.view(z.size(0), z.size(1), 1, 1))
        out, p1 = self.attn1(out)
        return self.last(out), p1


class Discriminator(nn.Module):
    def __init__(self, conv_dim=8):
        super().__init__()
        self.l1 = nn.Sequential(nn.Conv2d(3, conv_dim, 4, 2, 1), nn.LeakyReLU(0.1))
        self.attn1 = Self_Attn(conv_dim)
        self.last = nn.Conv2d(conv_dim, 1, 4)

    def forward(self, x):
        out = self.l1(x)
        out, p1 = self.attn1(out)
        return self.last(out).squeeze(), p1
