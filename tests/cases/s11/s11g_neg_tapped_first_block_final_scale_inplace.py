# case: the tapped residual stack of s11g with tap=0: the penalty keeps the first block's output, the in-place scale writes the last block's output (a fresh sum nothing saved), so backward runs (after the first round the analysis does not know which index of the comprehension-built ModuleList it runs, so `feats` may be the last output: a warning)
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
    def __init__(self, d=8, n_blocks=2, tap=0, out_scale=0.5):
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
        aux = feats.pow(2).mean()
        x *= self.out_scale  # expect: GG002
        return self.head(x), aux


net = TappedNet()
inp = torch.randn(4, 8)
target = torch.randint(0, 3, (4,))
logits, aux = net(inp)
loss = nn.functional.cross_entropy(logits, target) + 0.01 * aux
loss.backward()
print(round(loss.item(), 4))
