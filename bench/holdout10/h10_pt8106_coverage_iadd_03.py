# source: https://github.com/pytorch/pytorch/issues/8106
# case: look-alike: the same in-place history accumulation, but the coverage enters the scores only as a penalty subtracted from the energies (`scores - self.beta * self.coverage`), and neither the scalar multiplication nor the subtraction saves the coverage for backward, so accumulating in place is harmless and the decoder trains
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)


class CoverageAttention(nn.Module):
    def __init__(self, enc_dim, dec_dim, attn_dim):
        super().__init__()
        self.W_h = nn.Linear(enc_dim, attn_dim, bias=False)
        self.W_s = nn.Linear(dec_dim, attn_dim)
        self.beta = 0.5
        self.v = nn.Linear(attn_dim, 1, bias=False)
        self.coverage = None

    def reset(self, batch, src_len):
        self.coverage = torch.zeros(batch, src_len, requires_grad=False)

    def forward(self, dec_state, enc_out):
        energy = torch.tanh(self.W_h(enc_out) + self.W_s(dec_state).unsqueeze(1))
        scores = self.v(energy).squeeze(-1) - self.beta * self.coverage
        attn = F.softmax(scores, dim=-1)
        self.coverage += attn.detach()
        context = torch.bmm(attn.unsqueeze(1), enc_out).squeeze(1)
        return context, attn


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
        prev = torch.zeros(batch, dtype=torch.long)
        for t in range(steps):
            context, _ = self.attention(state, enc_out)
            state = self.cell(torch.cat([self.embed(prev), context], dim=-1), state)
            logits.append(self.out(torch.cat([state, context], dim=-1)))
            prev = targets[:, t]
        return torch.stack(logits, dim=1)


encoder = nn.GRU(8, 12, batch_first=True)
decoder = Decoder(vocab=11, emb_dim=8, enc_dim=12, dec_dim=12)
params = list(encoder.parameters()) + list(decoder.parameters())
optimizer = torch.optim.Adam(params, lr=1e-3)

src = torch.randn(2, 6, 8)
tgt = torch.randint(0, 11, (2, 4))
enc_out, h = encoder(src)
logits = decoder(tgt, enc_out, h[0])
loss = F.cross_entropy(logits.reshape(-1, 11), tgt.reshape(-1))
optimizer.zero_grad()
loss.backward()
optimizer.step()
print(round(loss.item(), 4))
