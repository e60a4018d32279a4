# source: https://github.com/vllm-project/vllm/pull/24500
# case: the code before the PR, which the review asked to keep: the RMSNorm scales out of place (`hidden_states = hidden_states * torch.rsqrt(variance + eps)`), so the tensor `pow(2)` saved keeps its version and the decoder layers fine-tune
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)


class MllamaTextRMSNorm(nn.Module):
    def __init__(self, hidden_size, eps=1e-6):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(hidden_size))
        self.variance_epsilon = eps

    def forward(self, hidden_states):
        input_dtype = hidden_states.dtype
        hidden_states = hidden_states.to(torch.float32)
        variance = hidden_states.pow(2).mean(-1, keepdim=True)
        hidden_states = hidden_states * torch.rsqrt(variance + self.variance_epsilon)
        return self.weight * hidden_states.to(input_dtype)


class MllamaTextMLP(nn.Module):
    def __init__(self, hidden, intermediate):
        super().__init__()
        self.gate_proj = nn.Linear(hidden, intermediate, bias=False)
        self.up_proj = nn.Linear(hidden, intermediate, bias=False)
        self.down_proj = nn.Linear(intermediate, hidden, bias=False)

    def forward(self, x):
        return self.down_proj(F.silu(self.gate_proj(x)) * self.up_proj(x))


class DecoderLayer(nn.Module):
    def __init__(self, hidden=16, intermediate=32):
        super().__init__()
        self.input_layernorm = MllamaTextRMSNorm(hidden)
        self.mixer = nn.Linear(hidden, hidden, bias=False)
        self.post_attention_layernorm = MllamaTextRMSNorm(hidden)
        self.mlp = MllamaTextMLP(hidden, intermediate)

    def forward(self, hidden_states):
        residual = hidden_states
        hidden_states = residual + self.mixer(self.input_layernorm(hidden_states))
        residual = hidden_states
        return residual + self.mlp(self.post_attention_layernorm(hidden_states))


embed = nn.Embedding(20, 16)
layers = nn.ModuleList([DecoderLayer() for _ in range(2)])
lm_head = nn.Linear(16, 20, bias=False)
params = list(embed.parameters()) + list(layers.parameters()) + list(lm_head.parameters())
optimizer = torch.optim.AdamW(params, lr=1e-4)

tokens = torch.randint(0, 20, (2, 7))
h = embed(tokens[:, :-1])
for layer in layers:
    h = layer(h)
loss = F.cross_entropy(lm_head(h).reshape(-1, 20), tokens[:, 1:].reshape(-1))
optimizer.zero_grad()
loss.backward()
optimizer.step()
print(round(loss.item(), 4))
