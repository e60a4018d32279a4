# case: helper in a sibling subpackage (`from ..common.ops import scale_`) scales a tanh output in place
import torch

from app.models.layers import Block


def main() -> None:
    torch.manual_seed(0)
    block = Block(8)
    x = torch.randn(4, 8)
    loss = block(x).pow(2).mean()
    loss.backward()  # raises: RuntimeError: modified by an inplace operation
    print(block.fc.weight.grad.norm())


if __name__ == "__main__":
    main()
