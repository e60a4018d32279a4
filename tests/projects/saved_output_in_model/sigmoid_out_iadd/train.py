# case: models/net.py's Scorer ends in sigmoid; train.py adds a prior to the scores with +=
import torch

from models.net import Scorer


def step(model: Scorer, opt: torch.optim.Optimizer, x: torch.Tensor, prior: torch.Tensor) -> float:
    opt.zero_grad()
    scores = model(x)
    scores += prior  # expect: GG002
    loss = scores.mean()
    loss.backward()  # raises: RuntimeError: modified by an inplace operation
    opt.step()
    return float(loss)


if __name__ == "__main__":
    torch.manual_seed(0)
    m = Scorer(12)
    sgd = torch.optim.SGD(m.parameters(), lr=0.1)
    print(step(m, sgd, torch.randn(4, 12), torch.full((4, 1), 0.1)))
