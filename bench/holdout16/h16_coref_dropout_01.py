# case: look-alike from the end-to-end coreference model (src/coref.py, DocumentEncoder): the encoder applies nn.Dropout(inplace=True) to the data of the packed embeddings before the bidirectional LSTM and to the data of the packed LSTM output after it, the two lines the maintainer points at in the issue; on CPU under torch 2.13 neither tensor is saved by a backward node (the CPU LSTM does not keep its packed output, unlike cuDNN), so mention-score training runs
# source: https://github.com/shayneobrien/coreference-resolution/issues/7
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.nn.utils.rnn import pack_sequence, pad_packed_sequence

torch.manual_seed(0)
np.random.seed(0)

VOCAB = ["<PAD>", "<UNK>", "the", "cat", "sat", "on", "mat", "it", "was", "happy", "she", "saw"]
CHARS = {c: i + 2 for i, c in enumerate("abcdefghijklmnopqrstuvwxyz")}
GLOVE_WEIGHTS = F.normalize(torch.randn(len(VOCAB), 6))
TURIAN_WEIGHTS = F.normalize(torch.randn(len(VOCAB), 4))


def lookup_tensor(tokens):
    return torch.tensor([VOCAB.index(t) if t in VOCAB else 1 for t in tokens])


def pack(tensors):
    sizes = [t.shape[0] for t in tensors]
    size_sort = np.argsort(sizes)[::-1]
    sorted_tensors = [tensors[i] for i in size_sort]
    packed = pack_sequence(sorted_tensors)
    reorder = torch.tensor(np.argsort(size_sort).copy(), requires_grad=False)
    return packed, reorder


def unpack_and_unpad(lstm_out, reorder):
    unpacked, sizes = pad_packed_sequence(lstm_out, batch_first=True)
    unpadded = [unpacked[idx][:val] for idx, val in enumerate(sizes)]
    return [unpadded[idx] for idx in reorder]


class CharCNN(nn.Module):
    def __init__(self, filters, char_dim=5, pad_size=8):
        super().__init__()
        self.pad_size = pad_size
        self.embeddings = nn.Embedding(len(CHARS) + 2, char_dim, padding_idx=0)
        self.convs = nn.ModuleList([nn.Conv1d(char_dim, filters, kernel_size=k) for k in (2, 3)])
        self.proj = nn.Linear(2 * filters, filters)

    def forward(self, sent):
        chars = torch.stack([
            F.pad(torch.tensor([CHARS.get(c, 1) for c in tok][: self.pad_size]), (0, self.pad_size - min(len(tok), self.pad_size)))
            for tok in sent
        ])
        emb = self.embeddings(chars).transpose(1, 2)
        pooled = [F.relu(conv(emb)).max(dim=2).values for conv in self.convs]
        return self.proj(torch.cat(pooled, dim=1))


class DocumentEncoder(nn.Module):
    def __init__(self, hidden_dim, char_filters, n_layers=2):
        super().__init__()
        self.glove = nn.Embedding(GLOVE_WEIGHTS.shape[0], GLOVE_WEIGHTS.shape[1])
        self.glove.weight.data.copy_(GLOVE_WEIGHTS)
        self.glove.weight.requires_grad = False
        self.turian = nn.Embedding(TURIAN_WEIGHTS.shape[0], TURIAN_WEIGHTS.shape[1])
        self.turian.weight.data.copy_(TURIAN_WEIGHTS)
        self.turian.weight.requires_grad = False
        self.char_embeddings = CharCNN(char_filters)
        self.lstm = nn.LSTM(
            GLOVE_WEIGHTS.shape[1] + TURIAN_WEIGHTS.shape[1] + char_filters,
            hidden_dim, num_layers=n_layers, bidirectional=True, batch_first=True,
        )
        self.emb_dropout = nn.Dropout(0.50, inplace=True)
        self.lstm_dropout = nn.Dropout(0.20, inplace=True)

    def forward(self, sents):
        embeds = [self.embed(s) for s in sents]
        packed, reorder = pack(embeds)
        self.emb_dropout(packed[0])
        output, _ = self.lstm(packed)
        self.lstm_dropout(output[0])
        states = unpack_and_unpad(output, reorder)
        return torch.cat(states, dim=0), torch.cat(embeds, dim=0)

    def embed(self, sent):
        glove_embeds = self.glove(lookup_tensor(sent))
        tur_embeds = self.turian(lookup_tensor(sent))
        char_embeds = self.char_embeddings(sent)
        return torch.cat((glove_embeds, tur_embeds, char_embeds), dim=1)


class Score(nn.Module):
    def __init__(self, embeds_dim, hidden_dim=16):
        super().__init__()
        self.score = nn.Sequential(
            nn.Linear(embeds_dim, hidden_dim), nn.ReLU(), nn.Dropout(0.20),
            nn.Linear(hidden_dim, hidden_dim), nn.ReLU(), nn.Dropout(0.20),
            nn.Linear(hidden_dim, 1),
        )

    def forward(self, x):
        return self.score(x)


class MentionScore(nn.Module):
    def __init__(self, gi_dim, attn_dim):
        super().__init__()
        self.attention = Score(attn_dim)
        self.score = Score(gi_dim)

    def forward(self, states, embeds, spans):
        attns = self.attention(states)
        span_scores = []
        for i1, i2 in spans:
            weights = F.softmax(attns[i1 : i2 + 1], dim=0)
            attn_embeds = torch.sum(weights * embeds[i1 : i2 + 1], dim=0)
            g_i = torch.cat((states[i1], states[i2], attn_embeds))
            span_scores.append(self.score(g_i))
        return torch.cat(span_scores)


def compute_spans(n_tokens, max_width=3):
    return [(i, j) for i in range(n_tokens) for j in range(i, min(i + max_width, n_tokens))]


doc = [["the", "cat", "sat", "on", "the", "mat"], ["it", "was", "happy"], ["she", "saw", "it"]]
hidden, char_filters = 8, 4
encoder = DocumentEncoder(hidden, char_filters)
embeds_dim = GLOVE_WEIGHTS.shape[1] + TURIAN_WEIGHTS.shape[1] + char_filters
scorer = MentionScore(gi_dim=4 * hidden + embeds_dim, attn_dim=2 * hidden)
params = [p for p in list(encoder.parameters()) + list(scorer.parameters()) if p.requires_grad]
optimizer = torch.optim.Adam(params, lr=1e-3)
n_tokens = sum(len(s) for s in doc)
spans = compute_spans(n_tokens)
gold = torch.tensor([1.0 if (i, j) in {(0, 1), (6, 6), (9, 9), (11, 11)} else 0.0 for i, j in spans])
for epoch in range(2):
    encoder.train()
    scorer.train()
    states, embeds = encoder(doc)
    scores = scorer(states, embeds, spans)
    loss = F.binary_cross_entropy_with_logits(scores, gold)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    print(epoch, loss.item())
