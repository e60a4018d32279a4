# case: nn.Sequential ending in nn.Sigmoid(); the trainer rescales the output out of place
import torch

from models.net import make_classifier


class Trainer:
    def __init__(self) -> None:
        self.model = make_classifier(6)
        self.opt = torch.optim.SGD(self.model.parameters(), lr=0.05)

    def train_step(self, x: torch.Tensor, y: torch.Tensor) -> float:
        self.opt.zero_grad()
        p = self.model(x)
        p = p.mul(2.0).sub(1.0)
        loss = (p - y).pow(2).mean()
        loss.backward()
        self.opt.step()
        return loss.item()


if __name__ == "__main__":
    torch.manual_seed(0)
    print(Trainer().train_step(torch.randn(8, 6), torch.randn(8, 1).sign()))
