# source: https://github.com/lucidrains/halonet-pytorch/issues/4
# case: halonet-pytorch's HaloAttention: the similarity of each query block to its haloed key window is masked in place (`sim.masked_fill_(mask, max_neg_value)`) for the padded positions before the softmax; einsum's output is not saved by anything, so the block trains (the issue is about which positions the mask selects, not about autograd)
import torch
import torch.nn.functional as F
from torch import einsum, nn

torch.manual_seed(0)


class HaloAttention(nn.Module):
    def __init__(self, *, dim, block_size, halo_size, dim_head=4, heads=2, invert_mask=False):
        super().__init__()
        self.dim, self.block_size, self.halo_size = dim, block_size, halo_size
        self.heads = heads
        self.scale = dim_head**-0.5
        self.invert_mask = invert_mask
        inner_dim = dim_head * heads
        self.to_q = nn.Linear(dim, inner_dim, bias=False)
        self.to_kv = nn.Linear(dim, inner_dim * 2, bias=False)
        self.to_out = nn.Linear(inner_dim, dim)

    def forward(self, x):
        b, c, h, w = x.shape
        block, halo, heads = self.block_size, self.halo_size, self.heads
        q_inp = x.unfold(2, block, block).unfold(3, block, block)
        q_inp = q_inp.permute(0, 2, 3, 4, 5, 1).reshape(-1, block * block, c)
        kv_inp = F.unfold(x, kernel_size=block + halo * 2, stride=block, padding=halo)
        kv_inp = kv_inp.view(b, c, (block + 2 * halo) ** 2, -1).permute(0, 3, 2, 1).reshape(-1, (block + 2 * halo) ** 2, c)
        q = self.to_q(q_inp)
        k, v = self.to_kv(kv_inp).chunk(2, dim=-1)
        q, k, v = (t.reshape(t.shape[0], t.shape[1], heads, -1).transpose(1, 2).reshape(-1, t.shape[1], t.shape[2] // heads) for t in (q, k, v))
        q = q * self.scale
        sim = einsum("b i d, b j d -> b i j", q, k)

        mask = torch.ones(1, 1, h, w)
        mask = F.unfold(mask, kernel_size=block + (halo * 2), stride=block, padding=halo)
        mask = mask.permute(0, 2, 1).reshape(-1, 1, (block + 2 * halo) ** 2).repeat(b * heads, 1, 1)
        mask = ~mask.bool() if self.invert_mask else mask.bool()
        max_neg_value = -torch.finfo(sim.dtype).max
        sim.masked_fill_(mask, max_neg_value)

        attn = sim.softmax(dim=-1)
        out = einsum("b i j, b j d -> b i d", attn, v)
        out = out.reshape(-1, heads, out.shape[1], out.shape[2]).transpose(1, 2).reshape(-1, out.shape[1], heads * out.shape[2])
        out = self.to_out(out)
        out = out.view(b, h // block, w // block, block, block, c).permute(0, 5, 1, 3, 2, 4).reshape(b, c, h, w)
        return out


attn = HaloAttention(dim=4, block_size=2, halo_size=1, invert_mask=False)
optimizer = torch.optim.Adam(attn.parameters(), lr=1e-3)
fmap = torch.randn(1, 4, 4, 4)
for _ in range(2):
    optimizer.zero_grad()
    loss = attn(fmap).pow(2).mean()
    loss.backward()
    optimizer.step()
print(loss.item())
