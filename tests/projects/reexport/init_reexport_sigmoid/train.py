# case: `from models import UNet` through a re-export in models/__init__.py; the sigmoid mask is edited in place
import torch
import torch.nn.functional as F

from models import UNet


def fit_batch(net: UNet, images: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
    mask = net(images)
    mask[:, :, 0, :] = 0.0  # expect: GG002
    loss = F.mse_loss(mask, targets)
    loss.backward()  # raises: RuntimeError: modified by an inplace operation
    return loss.detach()


if __name__ == "__main__":
    torch.manual_seed(0)
    print(fit_batch(UNet(), torch.randn(2, 1, 8, 8), torch.rand(2, 1, 8, 8)))
