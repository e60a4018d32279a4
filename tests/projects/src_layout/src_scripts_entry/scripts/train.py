# case: src layout (src/mypkg) run from scripts/train.py; mypkg.ops.smooth_ label-smooths the softmax output in place
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
    smooth_(probs, 0.1)
    loss = -(target * probs.log()).sum(-1).mean()
    loss.backward()  # raises: RuntimeError: modified by an inplace operation


if __name__ == "__main__":
    main()
