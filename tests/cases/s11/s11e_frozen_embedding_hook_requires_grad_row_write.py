# case: a saliency setup freezes the embedding's parameters and registers a forward hook that calls `o.requires_grad_(True)` on its output, so the embedding output becomes a leaf that requires grad; scaling the first sequence's rows in place through a view of that leaf fails at once
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
        e[0].mul_(boost_first)  # expect: GG001 # raises: RuntimeError: a view of a leaf Variable that requires grad is being used in an in-place operation
        h = torch.tanh(self.encoder(e)).mean(dim=1)
        return self.head(h)


def keep_grad(module, inputs, output):
    output.requires_grad_(True)


model = TinyClassifier()
for p in model.emb.parameters():
    p.requires_grad_(False)
model.emb.register_forward_hook(keep_grad)
tokens = torch.randint(0, 20, (2, 5))
logits = model(tokens)
logits[:, 1].sum().backward()
print(round(logits.sum().item(), 4))
