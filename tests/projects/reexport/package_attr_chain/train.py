# case: `import models` then `models.unet.UNet` (models/__init__ does `from . import unet`); out= under no_grad rewrites the saved sigmoid output
import torch

import models


@torch.no_grad()
def clip_(t: torch.Tensor) -> None:
    torch.clamp(t, 0.01, 0.99, out=t)  # expect: GG002


if __name__ == "__main__":
    torch.manual_seed(0)
    net = models.unet.UNet(width=2)
    pred = net(torch.randn(1, 1, 4, 4))
    clip_(pred)
    pred.log().neg().mean().backward()  # raises: RuntimeError: modified by an inplace operation
