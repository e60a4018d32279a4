# case: a multi-resolution fusion picks the largest input size with max(shapes, key=lambda s: s[1]); the input already at that size gets a conv and a sigmoid gate, the others a conv and an upsample; the first input is the largest, so the fused sum is accumulated in place into the gate's sigmoid output
import torch
import torch.nn as nn


class Fusion(nn.Module):
    def __init__(self, out_feats, *shapes):
        super().__init__()
        _, max_size = max(shapes, key=lambda s: s[1])
        for i, (feats, size) in enumerate(shapes):
            scale = max_size // size
            if scale != 1:
                layer = nn.Sequential(nn.Conv2d(feats, out_feats, 1), nn.Upsample(scale_factor=scale))
            else:
                layer = nn.Sequential(nn.Conv2d(feats, out_feats, 1), nn.Sigmoid())
            self.add_module(f"resolve{i}", layer)

    def forward(self, *xs):
        output = self.resolve0(xs[0])  # saver
        output += self.resolve1(xs[1])  # expect: GG002
        return output


torch.manual_seed(0)
fusion = Fusion(4, (3, 8), (5, 4))
out = fusion(torch.randn(1, 3, 8, 8), torch.randn(1, 5, 4, 4))
out.sum().backward()  # raises: RuntimeError: modified by an inplace operation
