# case: variant of the fixed model (caches reset outside inference mode) whose rotary table is built lazily on the first forward; the first forward is generate's, inside torch.inference_mode(), so freqs_cis is an inference tensor, and the scoring pass's complex multiply xq_ * freqs_cis cannot save it for backward
# source: https://github.com/facebookresearch/llama/blob/main/llama/model.py
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)


def precompute_freqs_cis(dim, end, theta=10000.0):
    freqs = 1.0 / (theta ** (torch.arange(0, dim, 2)[: (dim // 2)].float() / dim))
    t = torch.arange(end)
    return torch.polar(torch.ones(end, dim // 2), torch.outer(t, freqs).float())


def apply_rotary_emb(xq, xk, freqs_cis):
    xq_ = torch.view_as_complex(xq.float().reshape(*xq.shape[:-1], -1, 2))
    xk_ = torch.view_as_complex(xk.float().reshape(*xk.shape[:-1], -1, 2))
    freqs_cis = freqs_cis.view(1, xq_.shape[1], 1, xq_.shape[-1])
    xq_out = torch.view_as_real(xq_ * freqs_cis).flatten(3)  # expect: GG006  # raises: RuntimeError: Inference tensors cannot be saved for backward
    xk_out = torch.view_as_real(xk_ * freqs_cis).flatten(3)  # expect: GG006
    return xq_out.type_as(xq), xk_out.type_as(xk)


class Attention(nn.Module):
    def __init__(self, dim, n_heads, max_batch_size, max_seq_len):
        super().__init__()
        self.n_heads, self.head_dim = n_heads, dim // n_heads
        self.wq, self.wk, self.wv, self.wo = (nn.Linear(dim, dim, bias=False) for _ in range(4))
        self.cache_k = torch.zeros((max_batch_size, max_seq_len, n_heads, self.head_dim))
        self.cache_v = torch.zeros((max_batch_size, max_seq_len, n_heads, self.head_dim))

    def reset_cache(self, max_batch_size, max_seq_len):
        self.cache_k = torch.zeros((max_batch_size, max_seq_len, self.n_heads, self.head_dim))
        self.cache_v = torch.zeros((max_batch_size, max_seq_len, self.n_heads, self.head_dim))

    def forward(self, x, start_pos, freqs_cis, mask):
        bsz, seqlen, _ = x.shape
        xq = self.wq(x).view(bsz, seqlen, self.n_heads, self.head_dim)
        xk = self.wk(x).view(bsz, seqlen, self.n_heads, self.head_dim)
        xv = self.wv(x).view(bsz, seqlen, self.n_heads, self.head_dim)
        xq, xk = apply_rotary_emb(xq, xk, freqs_cis)
        self.cache_k = self.cache_k.to(xq)
        self.cache_v = self.cache_v.to(xq)
        self.cache_k[:bsz, start_pos : start_pos + seqlen] = xk
        self.cache_v[:bsz, start_pos : start_pos + seqlen] = xv
        keys = self.cache_k[:bsz, : start_pos + seqlen].transpose(1, 2)
        values = self.cache_v[:bsz, : start_pos + seqlen].transpose(1, 2)
        scores = torch.matmul(xq.transpose(1, 2), keys.transpose(2, 3)) / math.sqrt(self.head_dim)
        if mask is not None:
            scores = scores + mask
        scores = F.softmax(scores.float(), dim=-1).type_as(xq)
        return self.wo(torch.matmul(scores, values).transpose(1, 2).reshape(bsz, seqlen, -1))


class TransformerBlock(nn.Module):
    def __init__(self, dim, n_heads, max_batch_size, max_seq_len):
        super().__init__()
        self.attention = Attention(dim, n_heads, max_batch_size, max_seq_len)
        self.feed_forward = nn.Sequential(nn.Linear(dim, 4 * dim, bias=False), nn.SiLU(), nn.Linear(4 * dim, dim, bias=False))
        self.attention_norm, self.ffn_norm = nn.RMSNorm(dim, eps=1e-5), nn.RMSNorm(dim, eps=1e-5)

    def forward(self, x, start_pos, freqs_cis, mask):
        h = x + self.attention(self.attention_norm(x), start_pos, freqs_cis, mask)
        return h + self.feed_forward(self.ffn_norm(h))


class Transformer(nn.Module):
    def __init__(self, vocab_size=40, dim=16, n_heads=2, n_layers=2, max_batch_size=2, max_seq_len=16):
        super().__init__()
        self.tok_embeddings = nn.Embedding(vocab_size, dim)
        self.layers = nn.ModuleList(TransformerBlock(dim, n_heads, max_batch_size, max_seq_len) for _ in range(n_layers))
        self.norm = nn.RMSNorm(dim, eps=1e-5)
        self.output = nn.Linear(dim, vocab_size, bias=False)
        self.head_dim, self.max_seq_len = dim // n_heads, max_seq_len
        self.freqs_cis = None

    def forward_cached(self, tokens, start_pos):
        _bsz, seqlen = tokens.shape
        h = self.tok_embeddings(tokens)
        if self.freqs_cis is None:
            self.freqs_cis = precompute_freqs_cis(self.head_dim, self.max_seq_len * 2)
        freqs_cis = self.freqs_cis[start_pos : start_pos + seqlen]
        mask = None
        if seqlen > 1:
            mask = torch.triu(torch.full((seqlen, seqlen), float("-inf")), diagonal=1)
            mask = torch.hstack([torch.zeros((seqlen, start_pos)), mask]).type_as(h)
        for layer in self.layers:
            h = layer(h, start_pos, freqs_cis, mask)
        return self.output(self.norm(h)).float()

    @torch.inference_mode()
    def forward(self, tokens, start_pos):
        return self.forward_cached(tokens, start_pos)


model = Transformer().to(torch.bfloat16)
prompt = torch.randint(0, 40, (1, 4))
tokens, prev_pos = prompt, 0
for cur_pos in range(4, 8):
    logits = model(tokens[:, prev_pos:cur_pos], prev_pos)
    next_token = logits[:, -1].argmax(-1, keepdim=True)
    tokens, prev_pos = torch.cat([tokens, next_token], dim=1), cur_pos
print("generated", tokens.tolist())

# score the sampled continuation with gradients (e.g. for a policy-gradient update)
for layer in model.layers:
    layer.attention.reset_cache(2, 16)
logits = model.forward_cached(tokens[:, :-1], 0)
logprob = F.log_softmax(logits, -1).gather(-1, tokens[:, 1:, None]).sum()
logprob.backward()
print("logprob", logprob.item())
