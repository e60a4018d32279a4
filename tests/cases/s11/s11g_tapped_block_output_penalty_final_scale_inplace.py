# case: a residual stack keeps the output of block `self.tap` for a feature penalty (`feats.pow(2)` saves it) and then scales its final activation in place; with tap=1 the tapped tensor is the last block's output itself, so the in-place scale rewrites what pow kept and the backward fails
import torch
import torch.nn as nn

torch.manual_seed(0)


class Block(nn.Module):
    def __init__(self, d):
        super().__init__()
        self.norm = nn.LayerNorm(d)
        self.fc = nn.Linear(d, d)

    def forward(self, x):
        return x + self.fc(torch.relu(self.norm(x)))


class TappedNet(nn.Module):
    def __init__(self, d=8, n_blocks=2, tap=1, out_scale=0.5):
        super().__init__()
        self.blocks = nn.ModuleList([Block(d) for _ in range(n_blocks)])
        self.head = nn.Linear(d, 3)
        self.tap = tap
        self.out_scale = out_scale

    def forward(self, x):
        for i, blk in enumerate(self.blocks):
            x = blk(x)
            if i == self.tap:
                feats = x
        aux = feats.pow(2).mean()  # saver
        x *= self.out_scale  # expect: GG002
        return self.head(x), aux


net = TappedNet()
inp = torch.randn(4, 8)
target = torch.randint(0, 3, (4,))
logits, aux = net(inp)
loss = nn.functional.cross_entropy(logits, target) + 0.01 * aux
loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
print(round(loss.item(), 4))
