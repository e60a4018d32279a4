from torch import nn

from .mlp import PoissonMLP, SoftplusMLP

MODELS: dict[str, type[nn.Module]] = {
    "softplus": SoftplusMLP,
    "poisson": PoissonMLP,
}


def build_model(name: str, **kwargs: int) -> nn.Module:
    try:
        cls = MODELS[name]
    except KeyError:
        raise ValueError(f"unknown model {name!r}; choose from {sorted(MODELS)}") from None
    return cls(**kwargs)
