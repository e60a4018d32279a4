# case: fix: the vision features are merged out of place (cur_vllm_emb.scatter(...)) and the rows are stacked into a new tensor, so the hooked embedding leaf is never written and the LoRA and vision tower train
# source: https://github.com/OpenBMB/MiniCPM-V/issues/730
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)


class TinyLLM(nn.Module):
    def __init__(self, vocab=50, dim=16):
        super().__init__()
        self.embed_tokens = nn.Embedding(vocab, dim)
        self.block = nn.TransformerEncoderLayer(dim, 2, 32, dropout=0.0, batch_first=True)
        self.lm_head = nn.Linear(dim, vocab, bias=False)

    def forward(self, inputs_embeds):
        return self.lm_head(self.block(inputs_embeds))


class TinyMiniCPMV(nn.Module):
    def __init__(self, dim=16, patch_dim=12, query_num=4):
        super().__init__()
        self.llm = TinyLLM(dim=dim)
        self.vpm = nn.Sequential(nn.Linear(patch_dim, 24), nn.GELU(), nn.Linear(24, 24))
        self.resampler = nn.Linear(24, dim)
        self.query_num = query_num

    def get_vllm_embedding(self, data):
        vision_hidden_states = [self.resampler(self.vpm(p))[: self.query_num] for p in data["pixel_values"]]
        vllm_embedding = self.llm.embed_tokens(data["input_ids"])
        bs = len(data["input_ids"])
        new_embedding = []
        for i in range(bs):
            cur_vs_hs = vision_hidden_states[i]
            cur_vllm_emb = vllm_embedding[i]
            start, end = data["image_bound"][i]
            image_indices = torch.arange(start, end)
            cur_vllm_emb = cur_vllm_emb.scatter(
                0,
                image_indices.view(-1, 1).repeat(1, cur_vllm_emb.shape[-1]),
                cur_vs_hs.view(-1, cur_vs_hs.shape[-1]),
            )
            new_embedding.append(cur_vllm_emb)
        return torch.stack(new_embedding)

    def forward(self, data):
        return self.llm(self.get_vllm_embedding(data))


def make_inputs_require_grad(module, input, output):
    output.requires_grad_(True)


model = TinyMiniCPMV()
for p in model.llm.parameters():
    p.requires_grad_(False)
lora_A = nn.Parameter(torch.randn(4, 16) * 0.01)
lora_B = nn.Parameter(torch.zeros(50, 4))
model.llm.embed_tokens.register_forward_hook(make_inputs_require_grad)
params = [lora_A, lora_B, *model.vpm.parameters(), *model.resampler.parameters()]
optimizer = torch.optim.AdamW(params, lr=1e-3)

for step in range(2):
    data = {
        "input_ids": torch.randint(0, 50, (2, 10)),
        "pixel_values": [torch.randn(6, 12), torch.randn(6, 12)],
        "image_bound": [(1, 5), (2, 6)],
    }
    hidden = model.get_vllm_embedding(data)
    feats = model.llm.block(hidden)
    logits = model.llm.lm_head(feats) + feats @ lora_A.t() @ lora_B.t()
    loss = F.cross_entropy(logits[:, :-1].reshape(-1, 50), data["input_ids"][:, 1:].reshape(-1))
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
print("trained")
