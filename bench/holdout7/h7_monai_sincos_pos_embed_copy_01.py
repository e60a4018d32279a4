# source: https://github.com/Project-MONAI/MONAI/pull/7605
# case: MONAI PatchEmbeddingBlock before the PR, pos_embed_type="sincos": the fixed 2D sin-cos table is built and written into the position-embedding Parameter with `self.position_embeddings.data.copy_(...)` inside torch.no_grad(), then the Parameter is frozen; the patch embedding then trains normally
import torch
import torch.nn as nn

torch.manual_seed(0)


def build_sincos_position_embedding(grid_size, embed_dim, temperature=10000.0):
    h, w = grid_size
    grid_h = torch.arange(h, dtype=torch.float32)
    grid_w = torch.arange(w, dtype=torch.float32)
    grid_h, grid_w = torch.meshgrid(grid_h, grid_w, indexing="ij")
    pos_dim = embed_dim // 4
    omega = 1.0 / (temperature ** (torch.arange(pos_dim, dtype=torch.float32) / pos_dim))
    out_h = torch.einsum("m,d->md", [grid_h.flatten(), omega])
    out_w = torch.einsum("m,d->md", [grid_w.flatten(), omega])
    return torch.cat([torch.sin(out_w), torch.cos(out_w), torch.sin(out_h), torch.cos(out_h)], dim=1)[None, :, :]


class PatchEmbeddingBlock(nn.Module):
    def __init__(self, in_channels=1, img_size=(8, 8), patch_size=(4, 4), hidden_size=8, pos_embed_type="sincos"):
        super().__init__()
        grid_size = [s // p for s, p in zip(img_size, patch_size)]
        self.patch_embeddings = nn.Conv2d(in_channels, hidden_size, kernel_size=patch_size, stride=patch_size)
        self.position_embeddings = nn.Parameter(torch.zeros(1, grid_size[0] * grid_size[1], hidden_size))
        if pos_embed_type == "sincos":
            with torch.no_grad():
                pos_embeddings = build_sincos_position_embedding(grid_size, hidden_size)
                self.position_embeddings.data.copy_(pos_embeddings.float())
                self.position_embeddings.requires_grad = False

    def forward(self, x):
        x = self.patch_embeddings(x).flatten(2).transpose(-1, -2)
        return x + self.position_embeddings


block = PatchEmbeddingBlock()
optimizer = torch.optim.SGD([p for p in block.parameters() if p.requires_grad], lr=0.1)
out = block(torch.randn(2, 1, 8, 8))
out.pow(2).mean().backward()
optimizer.step()
assert block.position_embeddings.grad is None
