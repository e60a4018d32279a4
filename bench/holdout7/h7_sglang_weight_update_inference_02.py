# source: https://github.com/sgl-project/sglang/pull/31263
# case: the PR: update_weights_from_disk runs its weight copies under `torch.inference_mode()`, the mode the inference-tensor parameters and offloader buffers were created in, so every in-place copy is allowed
import torch
import torch.nn as nn

torch.manual_seed(0)


class Transformer(nn.Module):
    def __init__(self, dim=8):
        super().__init__()
        self.blocks = nn.ModuleList([nn.Linear(dim, dim) for _ in range(2)])

    def forward(self, x):
        for block in self.blocks:
            x = torch.relu(block(x))
        return x


class LayerwiseOffloader:
    """Keeps a CPU copy of every block's weights to stream them in layer by layer."""

    def __init__(self, module):
        self.cpu_weights = {name: p.detach().to("cpu").clone() for name, p in module.named_parameters()}

    def sync_from(self, state_dict):
        for name, cpu_tensor in self.cpu_weights.items():
            cpu_tensor.copy_(state_dict[name])


def load_weights_into_model(module, state_dict):
    for name, param in module.named_parameters():
        param.data.copy_(state_dict[name])


def build_pipeline():
    with torch.inference_mode():
        transformer = Transformer()
        offloader = LayerwiseOffloader(transformer)
        _ = transformer(torch.randn(1, 8))  # warm-up generation
    return transformer, offloader


def update_weights_from_disk(transformer, offloader, state_dict):
    with torch.inference_mode():
        load_weights_into_model(transformer, state_dict)
        offloader.sync_from(state_dict)


transformer, offloader = build_pipeline()
new_state = {k: torch.randn_like(v) for k, v in Transformer().state_dict().items()}
update_weights_from_disk(transformer, offloader, new_state)
with torch.inference_mode():
    out = transformer(torch.randn(1, 8))
