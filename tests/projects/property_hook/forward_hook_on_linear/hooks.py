import torch
from torch import nn


def clip_output_hook(module: nn.Module, inputs: tuple[torch.Tensor, ...], output: torch.Tensor) -> None:
    output.clamp_(-0.9, 0.9)


def install(model: nn.Module) -> None:
    for m in model.modules():
        if isinstance(m, nn.Linear):
            m.register_forward_hook(clip_output_hook)
