# case: the `..common.ops` helper scales the linear output before tanh: nothing saved it
import torch

from app.models.layers import Block


def main() -> None:
    torch.manual_seed(0)
    block = Block(8)
    x = torch.randn(4, 8)
    loss = block(x).pow(2).mean()
    loss.backward()
    print(block.fc.weight.grad.norm())


if __name__ == "__main__":
    main()
