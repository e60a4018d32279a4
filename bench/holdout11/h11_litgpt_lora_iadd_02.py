# case: variant written for the set: the pre-PR in-place LoRA adds combined with forward hooks on the frozen base linears that add an activation-magnitude penalty (output.pow(2).mean()); pow saved the base output, which result += then overwrites, so the backward fails
# source: https://github.com/Lightning-AI/litgpt/pull/413
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)


class LoRALinear(nn.Module):
    def __init__(self, in_features, out_features, r=4, lora_alpha=8, lora_dropout=0.0):
        super().__init__()
        self.linear = nn.Linear(in_features, out_features)
        self.r, self.scaling, self.merged = r, lora_alpha / r, False
        self.lora_dropout = nn.Dropout(lora_dropout)
        self.lora_A = nn.Parameter(torch.zeros(r, in_features))
        self.lora_B = nn.Parameter(torch.zeros(out_features, r))
        nn.init.kaiming_uniform_(self.lora_A, a=math.sqrt(5))

    def forward(self, x):
        result = self.linear(x)
        if self.r > 0 and not self.merged:
            result += (self.lora_dropout(x) @ self.lora_A.transpose(0, 1) @ self.lora_B.transpose(0, 1)) * self.scaling  # expect: GG002
        return result


class LoRAQKVLinear(nn.Module):
    def __init__(self, n_embd, r=4, lora_alpha=8, enable_lora=(True, False, True)):
        super().__init__()
        self.linear = nn.Linear(n_embd, 3 * n_embd)
        self.n_embd, self.r, self.scaling, self.enable_lora = n_embd, r, lora_alpha / r, enable_lora
        n_on = sum(enable_lora)
        self.lora_A = nn.Parameter(torch.zeros(r * n_on, n_embd))
        self.lora_B = nn.Parameter(torch.zeros(n_embd * n_on, r))
        nn.init.kaiming_uniform_(self.lora_A, a=math.sqrt(5))
        self.lora_ind = [i for i in range(3 * n_embd) if enable_lora[i // n_embd]]

    def zero_pad(self, x):
        result = x.new_zeros((*x.shape[:-1], 3 * self.n_embd))
        result[..., self.lora_ind] = x
        return result

    def forward(self, x):
        result = self.linear(x)
        after_A = F.linear(x, self.lora_A)
        n_on = sum(self.enable_lora)
        after_B = F.conv1d(after_A.transpose(-2, -1), self.lora_B.unsqueeze(-1), groups=n_on).transpose(-2, -1)
        result += self.zero_pad(after_B) * self.scaling  # expect: GG002
        return result


class Block(nn.Module):
    def __init__(self, n_embd=16, n_head=2):
        super().__init__()
        self.n_head = n_head
        self.ln_1, self.ln_2 = nn.LayerNorm(n_embd), nn.LayerNorm(n_embd)
        self.attn = LoRAQKVLinear(n_embd)
        self.proj = LoRALinear(n_embd, n_embd)
        self.fc = LoRALinear(n_embd, 4 * n_embd)
        self.mlp_proj = LoRALinear(4 * n_embd, n_embd)

    def forward(self, x):
        B, T, C = x.shape
        q, k, v = self.attn(self.ln_1(x)).split(C, dim=2)
        q, k, v = (t.view(B, T, self.n_head, C // self.n_head).transpose(1, 2) for t in (q, k, v))
        y = F.scaled_dot_product_attention(q, k, v, is_causal=True).transpose(1, 2).reshape(B, T, C)
        x = x + self.proj(y)
        return x + self.mlp_proj(F.gelu(self.fc(self.ln_2(x))))


def mark_only_lora_as_trainable(model):
    for n, p in model.named_parameters():
        p.requires_grad = "lora_" in n


vocab, n_embd = 50, 16
wte = nn.Embedding(vocab, n_embd)
blocks = nn.ModuleList([Block(n_embd) for _ in range(2)])
lm_head = nn.Linear(n_embd, vocab, bias=False)
model = nn.ModuleDict({"wte": wte, "h": blocks, "lm_head": lm_head})
mark_only_lora_as_trainable(model)
act_penalties = []


def act_penalty_hook(module, inputs, output):
    act_penalties.append(output.pow(2).mean())  # saver


for name, m in model.named_modules():
    if name.endswith(".linear"):
        m.register_forward_hook(act_penalty_hook)
optimizer = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=3e-3)

for it in range(3):
    idx = torch.randint(0, vocab, (2, 8))
    x = wte(idx)
    for blk in blocks:
        x = blk(x)
    loss = F.cross_entropy(lm_head(x)[:, :-1].reshape(-1, vocab), idx[:, 1:].reshape(-1))
    loss = loss + 1e-3 * torch.stack(act_penalties).sum()
    act_penalties.clear()
    optimizer.zero_grad()
    loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
    optimizer.step()
print("fine-tuned")
