# case: clean twin: the residual branch (starting with ReLU(inplace=True) on x) runs before the 1x1-conv shortcut reads x, so nothing saved is modified
# source: https://github.com/pytorch/pytorch/issues/15428
import torch
import torch.nn.functional as F

from models import build_net

torch.manual_seed(0)


def main():
    net = build_net("tiny")
    optim = torch.optim.SGD(net.parameters(), lr=0.01, momentum=0.9)
    for _ in range(2):
        x = torch.randn(4, 3, 16, 16)
        y = torch.randint(0, 4, (4,))
        loss = F.cross_entropy(net(x), y)
        optim.zero_grad()
        loss.backward()
        optim.step()
    print(loss.item())


if __name__ == "__main__":
    main()
