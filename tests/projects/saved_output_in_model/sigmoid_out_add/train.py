# case: models/net.py's Scorer ends in sigmoid; the prior is added out of place
import torch

from models.net import Scorer


def step(model: Scorer, opt: torch.optim.Optimizer, x: torch.Tensor, prior: torch.Tensor) -> float:
    opt.zero_grad()
    scores = model(x)
    scores = scores + prior
    loss = scores.mean()
    loss.backward()
    opt.step()
    return float(loss)


if __name__ == "__main__":
    torch.manual_seed(0)
    m = Scorer(12)
    sgd = torch.optim.SGD(m.parameters(), lr=0.1)
    print(step(m, sgd, torch.randn(4, 12), torch.full((4, 1), 0.1)))
