import torch
import torch.nn as nn


class Gated(nn.Module):
    def __init__(self, width, scale_in_place):
        super().__init__()
        self.proj = nn.Linear(width, width)
        self.scale_in_place = scale_in_place

    def forward(self, x):
        gate = torch.sigmoid(self.proj(x))  # saver
        if self.scale_in_place:
            gate *= 0.5  # expect: GG002
        else:
            gate = gate * 0.5
        return x * gate


def gated_block(width=8, scale_in_place=False):
    return Gated(width, scale_in_place)


def plain_block(width=8, scale_in_place=False):
    return nn.Sequential(nn.Linear(width, width), nn.Tanh())
