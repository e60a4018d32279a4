# source: https://github.com/pytorch/pytorch/issues/8106
# case: variant with the pointer-generator coverage loss instead of a coverage feature: each step adds `torch.min(attn, self.coverage)` to a coverage penalty and then accumulates the history in place; `torch.min` saved both of its inputs (the history included) to route the gradient, so the in-place accumulation after it breaks the backward of the total loss
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)


class CoverageAttention(nn.Module):
    def __init__(self, enc_dim, dec_dim, attn_dim):
        super().__init__()
        self.W_h = nn.Linear(enc_dim, attn_dim, bias=False)
        self.W_s = nn.Linear(dec_dim, attn_dim)
        self.v = nn.Linear(attn_dim, 1, bias=False)
        self.coverage = None

    def reset(self, batch, src_len):
        self.coverage = torch.zeros(batch, src_len, requires_grad=False)

    def forward(self, dec_state, enc_out):
        energy = torch.tanh(self.W_h(enc_out) + self.W_s(dec_state).unsqueeze(1))
        attn = F.softmax(self.v(energy).squeeze(-1), dim=-1)
        cov_loss = torch.min(attn, self.coverage).sum(-1).mean()  # saver
        self.coverage += attn.detach()  # expect: GG002
        context = torch.bmm(attn.unsqueeze(1), enc_out).squeeze(1)
        return context, cov_loss


class Decoder(nn.Module):
    def __init__(self, vocab, emb_dim, enc_dim, dec_dim):
        super().__init__()
        self.embed = nn.Embedding(vocab, emb_dim)
        self.attention = CoverageAttention(enc_dim, dec_dim, 16)
        self.cell = nn.GRUCell(emb_dim + enc_dim, dec_dim)
        self.out = nn.Linear(dec_dim + enc_dim, vocab)

    def forward(self, targets, enc_out, state):
        batch, steps = targets.shape
        self.attention.reset(batch, enc_out.size(1))
        logits = []
        cov_total = 0.0
        prev = torch.zeros(batch, dtype=torch.long)
        for t in range(steps):
            context, cov_loss = self.attention(state, enc_out)
            cov_total = cov_total + cov_loss
            state = self.cell(torch.cat([self.embed(prev), context], dim=-1), state)
            logits.append(self.out(torch.cat([state, context], dim=-1)))
            prev = targets[:, t]
        return torch.stack(logits, dim=1), cov_total


encoder = nn.GRU(8, 12, batch_first=True)
decoder = Decoder(vocab=11, emb_dim=8, enc_dim=12, dec_dim=12)
params = list(encoder.parameters()) + list(decoder.parameters())
optimizer = torch.optim.Adam(params, lr=1e-3)

src = torch.randn(2, 6, 8)
tgt = torch.randint(0, 11, (2, 4))
enc_out, h = encoder(src)
logits, cov_total = decoder(tgt, enc_out, h[0])
loss = F.cross_entropy(logits.reshape(-1, 11), tgt.reshape(-1)) + cov_total
optimizer.zero_grad()
loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
optimizer.step()
print(round(loss.item(), 4))
