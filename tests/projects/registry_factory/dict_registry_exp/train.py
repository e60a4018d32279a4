# case: model built by name from a dict registry (models/registry.py); the exp rate it returns is shifted in place
import torch

from models.registry import build_model

CONFIG = {"in_features": 5, "hidden": 16, "lr": 1e-2}


def poisson_nll(rate: torch.Tensor, counts: torch.Tensor) -> torch.Tensor:
    return (rate - counts * rate.log()).mean()


def main() -> None:
    torch.manual_seed(0)
    model = build_model("poisson", in_features=CONFIG["in_features"], hidden=CONFIG["hidden"])
    opt = torch.optim.SGD(model.parameters(), lr=CONFIG["lr"])
    x, counts = torch.randn(8, 5), torch.poisson(torch.full((8, 1), 2.0))
    rate = model(x)
    rate += 1e-3  # expect: GG002
    loss = poisson_nll(rate, counts)
    loss.backward()  # raises: RuntimeError: modified by an inplace operation
    opt.step()


if __name__ == "__main__":
    main()
