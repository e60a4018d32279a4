# case: a LLaMA-style attention keeps plain-tensor KV caches made in __init__ and refreshes them with `self.cache_k = self.cache_k.to(xq)` before slice-assigning the new keys; the sampling forward runs under @torch.inference_mode(), a later fine-tuning forward reuses the caches with grad on. In float32 `.to(xq)` hands back the cache itself, so it stays a normal tensor and both passes run (a move under inference mode is taken to copy, as it does on a GPU or into another dtype; in code that stays float32 on the CPU that is unsure: warnings, no errors)
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)


class Attention(nn.Module):
    def __init__(self, dim=8, max_batch=2, max_seq=8):
        super().__init__()
        self.wq, self.wk, self.wv = (nn.Linear(dim, dim, bias=False) for _ in range(3))
        self.cache_k = torch.zeros(max_batch, max_seq, dim)
        self.cache_v = torch.zeros(max_batch, max_seq, dim)

    def forward(self, x, start_pos):
        bsz, seqlen, _ = x.shape
        xq, xk, xv = self.wq(x), self.wk(x), self.wv(x)
        self.cache_k = self.cache_k.to(xq)
        self.cache_v = self.cache_v.to(xq)
        self.cache_k[:bsz, start_pos : start_pos + seqlen] = xk  # expect: GG005
        self.cache_v[:bsz, start_pos : start_pos + seqlen] = xv  # expect: GG005
        keys = self.cache_k[:bsz, : start_pos + seqlen]
        values = self.cache_v[:bsz, : start_pos + seqlen]
        scores = xq @ keys.transpose(1, 2) / keys.size(-1) ** 0.5  # expect: GG006
        return F.softmax(scores, dim=-1) @ values  # expect: GG006


class Transformer(nn.Module):
    def __init__(self, vocab=16, dim=8):
        super().__init__()
        self.emb = nn.Embedding(vocab, dim)
        self.attn = Attention(dim)
        self.out = nn.Linear(dim, vocab)

    def forward_train(self, tokens, start_pos=0):
        h = self.emb(tokens)
        return self.out(h + self.attn(h, start_pos))

    @torch.inference_mode()
    def forward(self, tokens, start_pos=0):
        return self.forward_train(tokens, start_pos)


model = Transformer()
tokens = torch.randint(0, 16, (2, 4))
sample_logits = model(tokens)
logits = model.forward_train(tokens)
loss = F.cross_entropy(logits.float().reshape(-1, 16), tokens.reshape(-1))
loss.backward()
print(sample_logits.argmax(-1).tolist(), round(loss.item(), 4))
