# case: a BiFPN-style fusion layer passes its nn.Parameter fusion weights through an activation taken from a shared table whose "relu" is nn.ReLU(inplace=True)
# source: https://github.com/zylo117/Yet-Another-EfficientDet-Pytorch/issues/503
import torch
import torch.nn as nn

from neck import Fusefeature

torch.manual_seed(0)


class TinyNeck(nn.Module):
    def __init__(self, ch=8):
        super().__init__()
        self.lateral = nn.Conv2d(ch, ch, 1)
        self.up = nn.Upsample(scale_factor=2, mode="nearest")
        self.fuse = Fusefeature()
        self.out = nn.Conv2d(ch, 1, 3, padding=1)

    def forward(self, p3, p4):
        return self.out(self.fuse([self.lateral(p3), self.up(p4)]))


def main():
    neck = TinyNeck()
    opt = torch.optim.SGD(neck.parameters(), lr=0.01)
    p3, p4 = torch.randn(2, 8, 8, 8), torch.randn(2, 8, 4, 4)
    loss = neck(p3, p4).pow(2).mean()
    opt.zero_grad()
    loss.backward()
    opt.step()
    print(loss.item())


if __name__ == "__main__":
    main()
