# case: `from . import utils`: the in-place clamp gets a clone of the sigmoid output
import torch
import torch.nn.functional as F

from detector.model import Detector


def train_step(model: Detector, x: torch.Tensor, y: torch.Tensor) -> float:
    probs = model(x)
    loss = F.binary_cross_entropy(probs, y)
    loss.backward()
    return loss.item()


if __name__ == "__main__":
    torch.manual_seed(0)
    net = Detector(6)
    print(train_step(net, torch.randn(5, 6), torch.rand(5, 1)))
