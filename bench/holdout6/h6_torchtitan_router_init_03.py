# source: https://github.com/NousResearch/torchtitan/pull/43
# case: look-alike of the PR with the `torch.no_grad()` block left out: `self.gate.weight.copy_(...)` writes into a Parameter that requires grad with grad mode on
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)


class TokenChoiceTopKRouter(nn.Module):
    def __init__(self, dim, num_experts, top_k):
        super().__init__()
        self.gate = nn.Linear(dim, num_experts, bias=False)
        self.top_k = top_k

    def forward(self, x):
        scores = F.softmax(self.gate(x), dim=-1)
        top_scores, selected = torch.topk(scores, k=self.top_k, dim=-1)
        return top_scores, selected

    def init_weights(self, init_std):
        temp_weight = torch.empty_like(self.gate.weight)
        nn.init.trunc_normal_(temp_weight, mean=0.0, std=1.0)
        self.gate.weight.copy_(temp_weight * init_std)  # expect: GG001  # raises: RuntimeError: a leaf Variable that requires grad is being used in an in-place operation


class MoE(nn.Module):
    def __init__(self, dim=8, num_experts=4, top_k=2):
        super().__init__()
        self.router = TokenChoiceTopKRouter(dim, num_experts, top_k)
        self.experts = nn.ModuleList([nn.Linear(dim, dim) for _ in range(num_experts)])

    def forward(self, x):
        top_scores, selected = self.router(x)
        out = torch.zeros_like(x)
        for k in range(selected.shape[-1]):
            for e, expert in enumerate(self.experts):
                mask = (selected[:, k] == e).unsqueeze(-1).float()
                out = out + mask * top_scores[:, k : k + 1] * expert(x)
        return out

    def init_weights(self, init_std):
        self.router.init_weights(init_std)
        for expert in self.experts:
            nn.init.trunc_normal_(expert.weight, mean=0.0, std=init_std)


model = nn.ModuleList([MoE() for _ in range(2)])
for layer in model:
    layer.init_weights(init_std=0.02)
optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3)
x = torch.randn(6, 8)
h = x
for layer in model:
    h = h + layer(h)
loss = h.pow(2).mean()
loss.backward()
optimizer.step()
