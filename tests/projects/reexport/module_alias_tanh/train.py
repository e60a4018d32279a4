# case: `import models.unet as mu`; the model's tanh output is shifted with add_ before backward
import torch

import models.unet as mu


def main() -> None:
    torch.manual_seed(0)
    net = mu.TanhUNet()
    img = torch.randn(2, 1, 8, 8)
    out = net(img)
    out.add_(1.0)  # expect: GG002
    out.mean().backward()  # raises: RuntimeError: modified by an inplace operation
    print(net.dec.weight.grad.abs().sum())


if __name__ == "__main__":
    main()
