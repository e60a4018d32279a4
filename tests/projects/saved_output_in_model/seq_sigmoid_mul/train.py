# case: nn.Sequential ending in nn.Sigmoid() built in models/net.py; a trainer method doubles the output with mul_
import torch

from models.net import make_classifier


class Trainer:
    def __init__(self) -> None:
        self.model = make_classifier(6)
        self.opt = torch.optim.SGD(self.model.parameters(), lr=0.05)

    def train_step(self, x: torch.Tensor, y: torch.Tensor) -> float:
        self.opt.zero_grad()
        p = self.model(x)
        p.mul_(2.0).sub_(1.0)  # expect: GG002
        loss = (p - y).pow(2).mean()
        loss.backward()  # raises: RuntimeError: modified by an inplace operation
        self.opt.step()
        return loss.item()


if __name__ == "__main__":
    torch.manual_seed(0)
    print(Trainer().train_step(torch.randn(8, 6), torch.randn(8, 1).sign()))
