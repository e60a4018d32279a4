# case: the frozen-embedding classifier of s11e without the forward hook: the embedding output of frozen weights does not require grad, so scaling its first rows in place is an ordinary write and the head still trains
import torch
import torch.nn as nn

torch.manual_seed(0)

class TinyClassifier(nn.Module):
    def __init__(self, vocab=20, dim=8, n_cls=3):
        super().__init__()
        self.emb = nn.Embedding(vocab, dim)
        self.encoder = nn.Linear(dim, dim)
        self.head = nn.Linear(dim, n_cls)

    def forward(self, tokens, boost_first=2.0):
        e = self.emb(tokens)
        e[0].mul_(boost_first)
        h = torch.tanh(self.encoder(e)).mean(dim=1)
        return self.head(h)


model = TinyClassifier()
for p in model.emb.parameters():
    p.requires_grad_(False)
tokens = torch.randint(0, 20, (2, 5))
logits = model(tokens)
logits[:, 1].sum().backward()
print(round(logits.sum().item(), 4))
