# case: diffusion LM compute_loss: the token ids are embedded first (nn.Embedding saves them for backward), then turned into CE targets with `ids.masked_fill_(torch.logical_not(diff_mask), -100)` in place instead of masked_fill
# source: https://github.com/thorinf/simple-diffusion-lm/issues/2
import math

import torch
import torch.nn as nn
import torch.nn.functional as F


class Estimator(nn.Module):
    def __init__(self, input_dim, target_dim, model_dim):
        super().__init__()
        self.time_mlp = nn.Sequential(nn.Linear(1, model_dim), nn.GELU())
        self.project = nn.Linear(input_dim, model_dim)
        self.layer = nn.TransformerEncoderLayer(model_dim, 2, 2 * model_dim, dropout=0.0, batch_first=True)
        self.out = nn.Linear(model_dim, target_dim)

    def forward(self, x, t):
        x = self.project(x) + self.time_mlp(t[:, None])[:, None, :]
        x = self.layer(x)
        return self.out(x), x


class DiffusionLM(nn.Module):
    def __init__(self, num_embeddings=20, embedding_dim=8, model_dim=16):
        super().__init__()
        self.embedding = nn.Embedding(num_embeddings=num_embeddings, embedding_dim=embedding_dim)
        nn.init.normal_(self.embedding.weight, std=0.1)
        self.norm = nn.LayerNorm(embedding_dim)
        self.estimator = Estimator(embedding_dim * 2, embedding_dim, model_dim)
        self.lm_head = nn.Linear(model_dim, num_embeddings)
        self.loss_ce = nn.CrossEntropyLoss(reduction='none')

    def gamma(self, t, ns=0.0002, ds=0.00025):
        return torch.cos(((t + ns) / (1 + ds)) * math.pi / 2) ** 2

    def get_embeddings(self, ids):
        e = self.embedding(ids)  # saver
        e = self.norm(e)
        return e

    def compute_loss(self, ids, lengths):
        x = self.get_embeddings(ids)

        len_mask = torch.arange(ids.shape[1]).unsqueeze(0) < lengths.unsqueeze(1)
        cond_mask = torch.rand(ids.shape) < 0.1
        diff_mask = torch.logical_and(len_mask, torch.logical_not(cond_mask))
        num_elems = diff_mask.sum()

        t = torch.rand(ids.shape[0]).clamp(1e-5, 1 - 1e-5)
        g = self.gamma(t)[:, None, None]
        x_t = torch.sqrt(g) * x + torch.sqrt(1 - g) * torch.randn_like(x)
        x_cond = x.masked_fill(~cond_mask.unsqueeze(-1), 0.0)
        x_0_estimation, latent = self.estimator(torch.cat([x_t, x_cond], dim=-1), t)
        loss_diff = ((x - x_0_estimation) ** 2.0).mean(-1)
        loss_diff = (loss_diff * diff_mask).sum() / num_elems

        logits = self.lm_head(latent)
        ids.masked_fill_(torch.logical_not(diff_mask), -100)  # expect: GG002
        loss_ce = self.loss_ce(logits.transpose(2, 1), ids)
        loss_ce = loss_ce.sum() / num_elems
        return loss_diff + loss_ce


torch.manual_seed(0)
model = DiffusionLM()
optim = torch.optim.AdamW(model.parameters(), lr=1e-3)
ids = torch.randint(0, 20, (4, 7))
lengths = torch.tensor([7, 5, 6, 3])
loss = model.compute_loss(ids, lengths)
optim.zero_grad()
loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
optim.step()
