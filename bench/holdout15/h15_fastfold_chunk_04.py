# case: code before the pull request: FastFold fastnn RecyclingEmbedder used in a recycling training loop: the pair update is written back into the recycled pair tensor chunk by chunk (z[i:i + chunk_size] = di + self.layer_norm_z(z[i:i + chunk_size])), so the slice the LayerNorm saved for its weight gradient is overwritten by the very assignment that consumes it; the recycled z is detached, but the LayerNorm still needs its input
# source: https://github.com/hpcaitech/FastFold/pull/117
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)

CHUNK_SIZE = None


class RecyclingEmbedder(nn.Module):
    """Algorithm 32: embeds the previous iteration's MSA first row, pair rep and C-beta positions."""

    def __init__(self, c_m, c_z, min_bin, max_bin, no_bins, inf=1e8):
        super().__init__()
        self.c_m, self.c_z = c_m, c_z
        self.min_bin, self.max_bin, self.no_bins = min_bin, max_bin, no_bins
        self.inf = inf
        self.linear = nn.Linear(no_bins, c_z)
        self.layer_norm_m = nn.LayerNorm(c_m)
        self.layer_norm_z = nn.LayerNorm(c_z)

    def forward(self, m, z, x):
        bins = torch.linspace(self.min_bin, self.max_bin, self.no_bins, dtype=x.dtype)
        m_update = self.layer_norm_m(m)
        squared_bins = bins**2
        upper = torch.cat([squared_bins[1:], squared_bins.new_tensor([self.inf])], dim=-1)
        d = torch.sum((x[..., None, :] - x[..., None, :, :]) ** 2, dim=-1, keepdim=True)
        d = ((d > squared_bins) * (d < upper)).type(x.dtype)  # [N, N, no_bins]

        para_dim = d.shape[1]
        if CHUNK_SIZE is None:
            chunk_size = para_dim
        else:
            chunk_size = CHUNK_SIZE * 48
        for i in range(0, para_dim, chunk_size):
            di = self.linear(d[i : i + chunk_size, :, :])
            z[i : i + chunk_size, :, :] = di + self.layer_norm_z(z[i : i + chunk_size, :, :])  # expect: GG002  # saver
        return m_update, z


class TinyFold(nn.Module):
    def __init__(self, c_m=16, c_z=8, no_bins=6):
        super().__init__()
        self.c_m, self.c_z = c_m, c_z
        self.target_feat = nn.Linear(21, c_m)
        self.left = nn.Linear(21, c_z)
        self.right = nn.Linear(21, c_z)
        self.recycling_embedder = RecyclingEmbedder(c_m, c_z, min_bin=3.25, max_bin=20.75, no_bins=no_bins)
        self.pair_mlp = nn.Sequential(nn.Linear(c_z, c_z), nn.ReLU(), nn.Linear(c_z, c_z))
        self.single = nn.Linear(c_m + c_z, c_m)
        self.to_xyz = nn.Linear(c_m, 3)

    def iteration(self, aatype_1hot, m_prev, z_prev, x_prev):
        m = self.target_feat(aatype_1hot)  # [N, c_m]
        z = self.left(aatype_1hot)[:, None, :] + self.right(aatype_1hot)[None, :, :]  # [N, N, c_z]
        m_1_prev_emb, z_prev_emb = self.recycling_embedder(m_prev, z_prev, x_prev)
        m = m + m_1_prev_emb
        z = z + z_prev_emb
        z = z + self.pair_mlp(z)
        s = self.single(torch.cat([m, z.mean(dim=1)], dim=-1))
        x = self.to_xyz(s) * 4.0
        return s, z, x

    def forward(self, aatype_1hot, no_recycles=2):
        n = aatype_1hot.shape[0]
        m_prev = aatype_1hot.new_zeros(n, self.c_m)
        z_prev = aatype_1hot.new_zeros(n, n, self.c_z)
        x_prev = aatype_1hot.new_zeros(n, 3)
        for cycle in range(no_recycles + 1):
            is_final = cycle == no_recycles
            with torch.set_grad_enabled(is_final):
                m_prev, z_prev, x_prev = self.iteration(aatype_1hot, m_prev, z_prev, x_prev)
            if not is_final:
                m_prev, z_prev, x_prev = m_prev.detach(), z_prev.detach(), x_prev.detach()
        return x_prev


n_res = 12
aatype_1hot = F.one_hot(torch.randint(0, 21, (n_res,)), 21).float()
true_xyz = torch.cumsum(torch.randn(n_res, 3) * 2.0, dim=0)
model = TinyFold()
model.train()
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
pred_xyz = model(aatype_1hot, no_recycles=2)
pred_d = torch.cdist(pred_xyz, pred_xyz)
true_d = torch.cdist(true_xyz, true_xyz)
loss = F.smooth_l1_loss(pred_d, true_d)
optimizer.zero_grad()
loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
optimizer.step()
