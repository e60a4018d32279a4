# case: the dict registry builds the softplus model, whose backward needs its input, not its output
import torch

from models.registry import build_model

CONFIG = {"in_features": 5, "hidden": 16, "lr": 1e-2}


def poisson_nll(rate: torch.Tensor, counts: torch.Tensor) -> torch.Tensor:
    return (rate - counts * rate.log()).mean()


def main() -> None:
    torch.manual_seed(0)
    model = build_model("softplus", in_features=CONFIG["in_features"], hidden=CONFIG["hidden"])
    opt = torch.optim.SGD(model.parameters(), lr=CONFIG["lr"])
    x, counts = torch.randn(8, 5), torch.poisson(torch.full((8, 1), 2.0))
    rate = model(x)
    rate += 1e-3
    loss = poisson_nll(rate, counts)
    loss.backward()
    opt.step()


if __name__ == "__main__":
    main()
