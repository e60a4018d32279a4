# case: code before the pull request: FastFold fastnn extra-MSA block trained without chunking (CHUNK_SIZE None, so the loop runs once over the whole column range); ChunkMSAColumnGlobalAttention layer-norms a transposed slice of M_raw, runs gated global attention on it and adds the result back into the same slice in place (M_raw[:, :, i:i + chunk_size, :] += m), overwriting the activation the layer norm and attention projections saved for backward
# source: https://github.com/hpcaitech/FastFold/pull/117
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)

CHUNK_SIZE = None


def set_chunk_size(chunk_size):
    global CHUNK_SIZE
    CHUNK_SIZE = chunk_size


def fused_softmax(logits, mask):
    """Stand-in for the fused CUDA softmax: additive mask on the key axis, softmax over keys."""
    return torch.softmax(logits + 1e9 * (mask[..., None, :] - 1), dim=-1)


def bias_sigmod_ele(gate, bias, x):
    return torch.sigmoid(gate + bias) * x


class GlobalAttention(nn.Module):
    """Gated global attention over the sequence axis: one pooled query per head, shared key/value."""

    def __init__(self, qkv_dim, c, n_head, out_dim):
        super().__init__()
        self.c, self.n_head = c, n_head
        self.scaling = c**-0.5
        self.eps = 1e-10
        self.to_q = nn.Linear(qkv_dim, c * n_head, bias=False)
        self.to_kv = nn.Linear(qkv_dim, 2 * c, bias=False)
        self.gating_bias = nn.Parameter(torch.ones(n_head * c))
        self.gating_linear = nn.Linear(qkv_dim, n_head * c, bias=False)
        self.o_linear = nn.Linear(n_head * c, out_dim)

    def forward(self, m, mask):
        para_dim = m.shape[1]
        chunk_size = CHUNK_SIZE
        if CHUNK_SIZE is None:
            chunk_size = para_dim
        output = []
        for ax in range(0, para_dim, chunk_size):
            m_part = m[:, ax : ax + chunk_size, :, :]
            mask_part = mask[:, ax : ax + chunk_size, :]
            q = torch.sum(m_part * mask_part.unsqueeze(-1), dim=-2) / (torch.sum(mask_part, dim=-1)[..., None] + self.eps)
            q = self.to_q(q * self.scaling)
            q = q.view(q.shape[:-1] + (self.n_head, -1))
            k, v = self.to_kv(m_part).chunk(2, dim=-1)
            logits = torch.matmul(q, k.transpose(-1, -2))
            weights = fused_softmax(logits, mask_part)
            weighted_avg = torch.matmul(weights, v).flatten(-2)
            gate_values = self.gating_linear(m_part)
            weighted_avg = bias_sigmod_ele(gate_values, self.gating_bias, weighted_avg.unsqueeze(-2))
            output.append(self.o_linear(weighted_avg))
        return torch.cat(output, dim=1)


class ChunkMSAColumnGlobalAttention(nn.Module):
    def __init__(self, d_node, c=8, n_head=4):
        super().__init__()
        self.layernormM = nn.LayerNorm(d_node)
        self.global_attention = GlobalAttention(qkv_dim=d_node, c=c, n_head=n_head, out_dim=d_node)

    def forward(self, M_raw, M_mask):
        para_dim = M_raw.shape[2]
        if CHUNK_SIZE is None:
            chunk_size = para_dim
        else:
            chunk_size = CHUNK_SIZE
        for i in range(0, para_dim, chunk_size):
            m = M_raw[:, :, i : i + chunk_size, :].transpose(-2, -3)
            m = self.layernormM(m)  # saver
            m_mask = M_mask[:, :, i : i + chunk_size].transpose(-1, -2)
            m = self.global_attention(m, m_mask)
            m = m.transpose(-2, -3)
            M_raw[:, :, i : i + chunk_size, :] += m  # expect: GG002
        return M_raw


class ChunkTransition(nn.Module):
    def __init__(self, d, n=2):
        super().__init__()
        self.norm = nn.LayerNorm(d)
        self.linear1 = nn.Linear(d, n * d)
        self.linear2 = nn.Linear(n * d, d)

    def forward(self, src):
        para_dim = src.shape[1]
        chunk_size = para_dim if CHUNK_SIZE is None else CHUNK_SIZE * 48
        out = torch.empty_like(src)
        for ax in range(0, para_dim, chunk_size):
            x = self.norm(src[:, ax : ax + chunk_size, :, :])
            x = self.linear2(F.relu(self.linear1(x)))
            out[:, ax : ax + chunk_size, :, :] = x
        out.add_(src)
        return out


class ExtraMSABlock(nn.Module):
    def __init__(self, d_node):
        super().__init__()
        self.msa_column_global = ChunkMSAColumnGlobalAttention(d_node)
        self.msa_transition = ChunkTransition(d_node)

    def forward(self, m, msa_mask):
        m = self.msa_column_global(m, msa_mask)
        return self.msa_transition(m)


class ExtraMSAStack(nn.Module):
    def __init__(self, c_e, n_blocks=2, n_feat=25):
        super().__init__()
        self.extra_msa_embedder = nn.Linear(n_feat, c_e)
        self.blocks = nn.ModuleList(ExtraMSABlock(c_e) for _ in range(n_blocks))
        self.head = nn.Linear(c_e, 1)

    def forward(self, extra_msa_feat, msa_mask):
        m = self.extra_msa_embedder(extra_msa_feat)  # [batch, n_seq, n_res, c_e]
        for block in self.blocks:
            m = block(m, msa_mask)
        return self.head(m).squeeze(-1)


batch, n_seq, n_res, c_e = 1, 6, 10, 16
extra_msa_feat = F.one_hot(torch.randint(0, 25, (batch, n_seq, n_res)), 25).float()
msa_mask = (torch.rand(batch, n_seq, n_res) > 0.1).float()
target = torch.randn(batch, n_seq, n_res)

model = ExtraMSAStack(c_e)
model.train()
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
set_chunk_size(None)  # training: no chunking
pred = model(extra_msa_feat, msa_mask)
loss = ((pred - target) ** 2 * msa_mask).sum() / msa_mask.sum()
optimizer.zero_grad()
loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
optimizer.step()
