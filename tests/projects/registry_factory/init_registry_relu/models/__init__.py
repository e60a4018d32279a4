from torch import nn

from .encoders import GeluEncoder, ReluEncoder

MODELS: dict[str, type[nn.Module]] = {"relu": ReluEncoder, "gelu": GeluEncoder}


def build_model(name: str, dim: int) -> nn.Module:
    return MODELS[name](dim)
