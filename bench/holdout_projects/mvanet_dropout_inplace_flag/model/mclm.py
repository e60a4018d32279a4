import torch
from torch import nn

from .utils import get_activation_fn


class MCLM(nn.Module):
    """Multi-view complementary localization: global tokens attend to the local patch tokens and back."""

    def __init__(self, d_model, num_heads):
        super().__init__()
        self.attention = nn.ModuleList([nn.MultiheadAttention(d_model, num_heads, dropout=0.1) for _ in range(2)])
        self.linear1 = nn.Linear(d_model, d_model * 2)
        self.linear2 = nn.Linear(d_model * 2, d_model)
        self.linear3 = nn.Linear(d_model, d_model * 2)
        self.linear4 = nn.Linear(d_model * 2, d_model)
        self.norm1 = nn.LayerNorm(d_model)
        self.norm2 = nn.LayerNorm(d_model)
        self.dropout = nn.Dropout(0.1)
        self.dropout1 = nn.Dropout(0.1)
        self.dropout2 = nn.Dropout(0.1)
        self.activation = get_activation_fn("relu")

    def forward(self, loc, glb):
        # loc: (4*h*w, b, c) tokens of the 4 patches; glb: (h*w, b, c) tokens of the whole image
        glb = glb + self.dropout1(self.attention[0](glb, loc, loc)[0])
        glb = self.norm1(glb)
        hidden = self.activation(self.linear1(glb))  # saver
        glb = glb + self.dropout2(self.linear2(self.dropout(hidden)))  # expect: GG002
        glb = self.norm2(glb)

        loc = loc + self.dropout1(self.attention[1](loc, glb, glb)[0])
        loc = self.norm1(loc)
        loc = loc + self.dropout2(self.linear4(self.dropout(self.activation(self.linear3(loc)).clone())))
        loc = self.norm2(loc)
        return loc, glb
