from collections.abc import Callable

from torch import nn

REGISTRY: dict[str, type[nn.Module]] = {}


def register(name: str) -> Callable[[type[nn.Module]], type[nn.Module]]:
    def deco(cls: type[nn.Module]) -> type[nn.Module]:
        REGISTRY[name] = cls
        return cls

    return deco


def create(name: str, **kwargs: int) -> nn.Module:
    return REGISTRY[name](**kwargs)
