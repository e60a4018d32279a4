# case: look-alike: the same hooked frozen embedding and in-place scatter_ used for chat inference under torch.no_grad(); with grad mode off the in-place write into a row of the leaf that requires grad is allowed, and the model answers
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
        for i in range(bs):
            cur_vs_hs = vision_hidden_states[i]
            cur_vllm_emb = vllm_embedding[i]
            start, end = data["image_bound"][i]
            image_indices = torch.arange(start, end)
            cur_vllm_emb.scatter_(
                0,
                image_indices.view(-1, 1).repeat(1, cur_vllm_emb.shape[-1]),
                cur_vs_hs.view(-1, cur_vs_hs.shape[-1]),
            )
        return vllm_embedding

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
model.eval()
with torch.no_grad():
    data = {
        "input_ids": torch.randint(0, 50, (1, 10)),
        "pixel_values": [torch.randn(6, 12)],
        "image_bound": [(1, 5)],
    }
    tokens = data["input_ids"]
    for _ in range(3):
        logits = model(data)
        next_tok = logits[:, -1].argmax(-1, keepdim=True)
        tokens = torch.cat([tokens, next_tok], dim=1)
        data["input_ids"] = tokens
print("answer", tokens[0, 10:].tolist())
