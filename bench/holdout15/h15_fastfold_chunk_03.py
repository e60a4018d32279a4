# case: look-alike (code before the pull request): FastFold fastnn MSA-to-pair communication trained with a chunk size set: OutProductMean fills a fresh torch.empty_like buffer chunk by chunk (Z[:, ax:ax + chunk_size] = O / norm0) and returns Z + Z_raw, and the pair ChunkTransition writes each chunk's MLP output into another empty_like buffer and then adds the residual in place (out.add_(src)); the buffers are only written, never read by a saved op before the writes, so backward is fine
# source: https://github.com/hpcaitech/FastFold/pull/117
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)

CHUNK_SIZE = None


def set_chunk_size(chunk_size):
    global CHUNK_SIZE
    CHUNK_SIZE = chunk_size


class OutProductMean(nn.Module):
    def __init__(self, n_feat=16, n_feat_out=12, n_feat_proj=4):
        super().__init__()
        self.layernormM = nn.LayerNorm(n_feat)
        self.linear_a = nn.Linear(n_feat, n_feat_proj)
        self.linear_b = nn.Linear(n_feat, n_feat_proj)
        self.o_linear = nn.Linear(n_feat_proj * n_feat_proj, n_feat_out)

    def forward(self, M, M_mask, Z_raw):
        Z = torch.empty_like(Z_raw)
        M = self.layernormM(M)
        right_act = self.linear_b(M)
        left_act = self.linear_a(M)
        M_mask = M_mask.unsqueeze(-1)
        left_act = M_mask * left_act
        norm = torch.einsum("bsid,bsjd->bijd", M_mask, M_mask) + 1e-3
        right_act_all = M_mask * right_act

        para_dim = left_act.shape[2]
        chunk_size = CHUNK_SIZE
        if CHUNK_SIZE is None:
            chunk_size = para_dim
        for ax in range(0, para_dim, chunk_size):
            left_act_part = left_act[:, :, ax : ax + chunk_size, :]
            O = torch.einsum("bsid,bsje->bijde", left_act_part, right_act_all)
            O = O.flatten(-2)
            O = self.o_linear(O)
            norm0 = norm[:, ax : ax + chunk_size, :, :]
            Z[:, ax : ax + chunk_size, :, :] = O / norm0
        return Z + Z_raw


class ChunkTransition(nn.Module):
    def __init__(self, d, n=2):
        super().__init__()
        self.norm = nn.LayerNorm(d)
        self.linear1 = nn.Linear(d, n * d)
        self.linear2 = nn.Linear(n * d, d)

    def forward(self, src):
        para_dim = src.shape[1]
        chunk_size = para_dim if CHUNK_SIZE is None else CHUNK_SIZE
        out = torch.empty_like(src)
        for ax in range(0, para_dim, chunk_size):
            x = self.norm(src[:, ax : ax + chunk_size, :, :])
            x = self.linear2(F.relu(self.linear1(x)))
            out[:, ax : ax + chunk_size, :, :] = x
        out.add_(src)
        return out


class MSAToPairBlock(nn.Module):
    def __init__(self, c_m, c_z):
        super().__init__()
        self.communication = OutProductMean(n_feat=c_m, n_feat_out=c_z)
        self.pair_transition = ChunkTransition(c_z)

    def forward(self, msa, msa_mask, pair):
        pair = self.communication(msa, msa_mask, pair)
        return self.pair_transition(pair)


class TinyPairModel(nn.Module):
    def __init__(self, c_m=16, c_z=12, n_blocks=2, no_bins=8):
        super().__init__()
        self.msa_embed = nn.Linear(22, c_m)
        self.pair_embed = nn.Linear(1, c_z)
        self.blocks = nn.ModuleList(MSAToPairBlock(c_m, c_z) for _ in range(n_blocks))
        self.distogram = nn.Linear(c_z, no_bins)

    def forward(self, msa_feat, msa_mask, rel_pos):
        msa = self.msa_embed(msa_feat)
        pair = self.pair_embed(rel_pos)
        for block in self.blocks:
            pair = block(msa, msa_mask, pair)
        return self.distogram(pair + pair.transpose(1, 2))


batch, n_seq, n_res = 1, 5, 10
msa_feat = F.one_hot(torch.randint(0, 22, (batch, n_seq, n_res)), 22).float()
msa_mask = (torch.rand(batch, n_seq, n_res) > 0.1).float()
idx = torch.arange(n_res, dtype=torch.float32)
rel_pos = ((idx[None, :] - idx[:, None]) / n_res)[None, :, :, None]
dist_bins = torch.randint(0, 8, (batch, n_res, n_res))

model = TinyPairModel()
model.train()
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
set_chunk_size(4)  # chunk the residue axis to save memory
for step in range(2):
    logits = model(msa_feat, msa_mask, rel_pos)
    loss = F.cross_entropy(logits.reshape(-1, 8), dist_bins.reshape(-1))
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
print(loss.item())
