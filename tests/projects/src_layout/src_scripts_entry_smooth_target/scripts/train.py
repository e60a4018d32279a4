# case: src layout run from scripts/train.py; mypkg.ops.smooth_ smooths the one-hot target, not the prediction
# pythonpath: src
import torch

from mypkg import Net
from mypkg.ops import smooth_


def main() -> None:
    torch.manual_seed(0)
    net = Net(6, 3)
    x = torch.randn(4, 6)
    target = torch.nn.functional.one_hot(torch.tensor([0, 2, 1, 2]), 3).float()
    probs = net(x)
    smooth_(target, 0.1)
    loss = -(target * probs.log()).sum(-1).mean()
    loss.backward()


if __name__ == "__main__":
    main()
