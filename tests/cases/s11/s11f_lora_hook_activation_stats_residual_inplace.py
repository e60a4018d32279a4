# case: a LoRA fine-tune freezes every parameter whose name lacks "lora_", registers forward hooks on every `.linear` submodule that record `output.pow(2).mean()` for an activation penalty, and the LoRA layer adds its low-rank term with `result += ...`; pow kept the linear output the += then rewrites, so the backward of the penalised loss fails
import torch
import torch.nn as nn

torch.manual_seed(0)


class LoRALinear(nn.Module):
    def __init__(self, d_in, d_out, r=2, alpha=4.0):
        super().__init__()
        self.linear = nn.Linear(d_in, d_out)
        self.lora_A = nn.Linear(d_in, r, bias=False)
        self.lora_B = nn.Linear(r, d_out, bias=False)
        self.lora_dropout = nn.Dropout(0.0)
        self.scaling = alpha / r

    def forward(self, x):
        result = self.linear(x)
        lora_term = self.lora_B(self.lora_A(self.lora_dropout(x))) * self.scaling
        result += lora_term  # expect: GG002
        return result


class Block(nn.Module):
    def __init__(self, d):
        super().__init__()
        self.norm = nn.LayerNorm(d)
        self.attn = LoRALinear(d, d)
        self.mlp = LoRALinear(d, d)

    def forward(self, x):
        x = x + self.attn(self.norm(x))
        return x + self.mlp(torch.relu(x))


class TinyLM(nn.Module):
    def __init__(self, vocab=16, d=8, n_blocks=2):
        super().__init__()
        self.layers = nn.ModuleDict(
            {
                "embed": nn.Embedding(vocab, d),
                "blocks": nn.ModuleList([Block(d) for _ in range(n_blocks)]),
                "head": nn.Linear(d, vocab),
            }
        )

    def forward(self, tokens):
        x = self.layers["embed"](tokens)
        for blk in self.layers["blocks"]:
            x = blk(x)
        return self.layers["head"](x)


model = TinyLM()
for n, p in model.named_parameters():
    p.requires_grad = "lora_" in n
act_stats = []


def h(module, inputs, output):
    act_stats.append(output.pow(2).mean())  # saver


for name, m in model.named_modules():
    if name.endswith(".linear"):
        m.register_forward_hook(h)

opt = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=1e-3)
tokens = torch.randint(0, 16, (2, 5))
logits = model(tokens)
loss = nn.functional.cross_entropy(logits[:, :-1].reshape(-1, 16), tokens[:, 1:].reshape(-1))
loss = loss + 1e-3 * torch.stack(act_stats).sum()
loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
opt.step()
print(round(loss.item(), 4))
