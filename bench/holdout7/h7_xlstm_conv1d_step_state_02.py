# source: https://github.com/NX-AI/xlstm/pull/81
# case: the PR's conv1d_step: the shifted state is built out of place (`torch.roll` then `torch.cat` with the new input), so the state each step's product saved is never overwritten and the rollout backpropagates
import torch
from torch import nn

torch.manual_seed(0)


class CausalConv1dConfig:
    def __init__(self, feature_dim=4, kernel_size=3, causal_conv_bias=True):
        self.feature_dim = feature_dim
        self.kernel_size = kernel_size
        self.causal_conv_bias = causal_conv_bias


def conv1d_step(x, conv_state, conv1d_weight, conv1d_bias=None):
    assert x.shape[1] == 1, "step mode takes one time step"
    conv_state = torch.roll(conv_state, shifts=-1, dims=1)
    conv_state = torch.cat([conv_state[:, :-1, :], x], dim=1)
    y = torch.sum(conv_state * conv1d_weight, dim=1, keepdim=True)
    if conv1d_bias is not None:
        y += conv1d_bias
    return y, conv_state


class CausalConv1d(nn.Module):
    def __init__(self, config: CausalConv1dConfig):
        super().__init__()
        self.config = config
        self.conv = nn.Conv1d(
            config.feature_dim, config.feature_dim, config.kernel_size,
            groups=config.feature_dim, bias=config.causal_conv_bias,
        )

    def empty_state(self, batch_size):
        return torch.zeros(batch_size, self.config.kernel_size, self.config.feature_dim)

    def step(self, x, conv_state):
        # (D, 1, KS) depthwise weight -> (KS, D)
        weight = self.conv.weight[:, 0, :].transpose(0, 1)
        return conv1d_step(x, conv_state, weight, self.conv.bias)


cfg = CausalConv1dConfig()
layer = CausalConv1d(cfg)
seq = torch.randn(2, 5, cfg.feature_dim)
state = layer.empty_state(batch_size=2)
outs = []
for t in range(seq.shape[1]):
    y, state = layer.step(seq[:, t : t + 1, :], state)
    outs.append(y)
loss = torch.cat(outs, dim=1).pow(2).mean()
loss.backward()
assert layer.conv.weight.grad is not None
