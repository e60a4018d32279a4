# case: `from models import UNet` re-export; the border is zeroed on a masked copy, not in place
import torch
import torch.nn.functional as F

from models import UNet


def fit_batch(net: UNet, images: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
    mask = net(images)
    border = torch.ones_like(mask)
    border[:, :, 0, :] = 0.0
    mask = mask * border
    loss = F.mse_loss(mask, targets)
    loss.backward()
    return loss.detach()


if __name__ == "__main__":
    torch.manual_seed(0)
    print(fit_batch(UNet(), torch.randn(2, 1, 8, 8), torch.rand(2, 1, 8, 8)))
