# case: evaluate() runs under @torch.inference_mode() and materialises (gathers) a weight that training then saves for backward; reduced from a ZeRO-3 train+eval report
# source: https://github.com/snowflakedb/ArcticTraining/pull/265
import torch
import torch.nn as nn


class GatheredLinear(nn.Module):
    """Stand-in for a ZeRO-3 linear: the full weight is gathered lazily and cached."""

    def __init__(self, d_in, d_out):
        super().__init__()
        self.shard = nn.Parameter(torch.randn(d_out, d_in))
        self.full_weight = None

    def forward(self, x):
        if self.full_weight is None:
            self.full_weight = self.shard * 1.0  # "all-gather"
        return x @ self.full_weight.t()  # expect: GG006  # raises: RuntimeError: Inference tensors cannot be saved for backward


model = GatheredLinear(4, 3)


@torch.inference_mode()
def evaluate():
    model.eval()
    return model(torch.randn(2, 4)).sum()


def train_step():
    model.train()
    loss = model(torch.randn(2, 4, requires_grad=True)).pow(2).sum()
    loss.backward()


evaluate()
train_step()
