# case: scripts/train.py does `import helpers`: script mode resolves scripts/helpers.py (in place), not the root helpers.py
import torch
from torch import nn

import helpers


def main() -> None:
    torch.manual_seed(0)
    net = nn.Linear(4, 4)
    h = torch.exp(net(torch.randn(2, 4)))  # saver
    h = helpers.warmup(h)
    h.sum().backward()  # raises: RuntimeError: modified by an inplace operation


if __name__ == "__main__":
    main()
