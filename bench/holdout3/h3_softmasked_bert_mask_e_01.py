# case: Soft-Masked BERT (Chinese spelling correction): `self.mask_e = self.embedding(mask_token_id)` is computed once in __init__ through BERT's embedding LayerNorm and reused by every forward; training uses loss.backward(retain_graph=True) and ScheduledOptim's optimizer.step(), which updates the LayerNorm weights that the cached mask_e graph saved
# source: https://github.com/hiyoung123/SoftMaskedBert/issues/2
import numpy as np
import torch
import torch.nn as nn
from torch.optim import Adam


class BertEmbeddings(nn.Module):
    def __init__(self, vocab_size, hidden, max_len=32):
        super().__init__()
        self.word_embeddings = nn.Embedding(vocab_size, hidden)
        self.position_embeddings = nn.Embedding(max_len, hidden)
        self.LayerNorm = nn.LayerNorm(hidden, eps=1e-12)
        self.dropout = nn.Dropout(0.1)

    def forward(self, input_ids):
        pos = torch.arange(input_ids.size(1)).unsqueeze(0)
        x = self.word_embeddings(input_ids) + self.position_embeddings(pos)
        return self.dropout(self.LayerNorm(x))


class BiGRU(nn.Module):
    def __init__(self, embedding_size, hidden, n_layers, dropout=0.0):
        super().__init__()
        self.rnn = nn.GRU(embedding_size, hidden, num_layers=n_layers, bidirectional=True, dropout=dropout, batch_first=True)
        self.linear = nn.Linear(hidden * 2, 1)
        self.sigmoid = nn.Sigmoid()

    def forward(self, x):
        out, _ = self.rnn(x)
        return self.sigmoid(self.linear(out))


class SoftMaskedBert(nn.Module):
    def __init__(self, embedding, encoder, vocab_size, embedding_size, hidden, layer_n, mask_token_id):
        super().__init__()
        self.embedding = embedding
        self.detector = BiGRU(embedding_size, hidden, layer_n)
        self.corrector = encoder
        mask_token_id = torch.tensor([[mask_token_id]])
        self.mask_e = self.embedding(mask_token_id)  # saver
        self.linear = nn.Linear(embedding_size, vocab_size)
        self.softmax = nn.LogSoftmax(dim=-1)

    def forward(self, input_ids):
        e = self.embedding(input_ids)
        p = self.detector(e)
        e_ = p * self.mask_e + (1 - p) * e
        h = self.corrector(e_)
        h = h + e
        out = self.softmax(self.linear(h))
        return out, p


class ScheduledOptim:
    """A simple wrapper class for learning rate scheduling"""

    def __init__(self, optimizer, d_model, n_warmup_steps):
        self._optimizer = optimizer
        self.n_warmup_steps = n_warmup_steps
        self.n_current_steps = 0
        self.init_lr = np.power(d_model, -0.5)

    def step_and_update_lr(self):
        self._update_learning_rate()
        self._optimizer.step()  # expect: GG002

    def zero_grad(self):
        self._optimizer.zero_grad()

    def _update_learning_rate(self):
        self.n_current_steps += 1
        lr = self.init_lr * np.min([np.power(self.n_current_steps, -0.5),
                                    np.power(self.n_warmup_steps, -1.5) * self.n_current_steps])
        for param_group in self._optimizer.param_groups:
            param_group["lr"] = lr


torch.manual_seed(0)
vocab_size, embedding_size, mask_token_id = 30, 16, 3
embedding = BertEmbeddings(vocab_size, embedding_size)
encoder = nn.TransformerEncoder(nn.TransformerEncoderLayer(embedding_size, 2, 32, dropout=0.0, batch_first=True), 1)
model = SoftMaskedBert(embedding, encoder, vocab_size, embedding_size, hidden=8, layer_n=1, mask_token_id=mask_token_id)
optim = Adam(model.parameters(), lr=2e-5, betas=(0.9, 0.999), weight_decay=0.01)
optim_schedule = ScheduledOptim(optim, 8, n_warmup_steps=100)
criterion_c = nn.NLLLoss()
criterion_d = nn.BCELoss()
gama = 0.8

data_loader = [{"random_text": torch.randint(4, vocab_size, (2, 6)), "origin_text": torch.randint(4, vocab_size, (2, 6)),
                "label": torch.randint(0, 2, (2, 6))} for _ in range(2)]
model.train()
for i, data in enumerate(data_loader):
    out, prob = model(data["random_text"])
    prob = prob.reshape(-1, prob.shape[1])
    loss_d = criterion_d(prob, data["label"].float())
    loss_c = criterion_c(out.transpose(1, 2), data["origin_text"])
    loss = gama * loss_c + (1 - gama) * loss_d
    optim_schedule.zero_grad()
    loss.backward(retain_graph=True)  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
    optim_schedule.step_and_update_lr()
