# case: the repository's sequence-pair matching example (sequence_pair_matching/example_use.py) run without --fine_tune: myModel encodes both sentences with bert_model.work() and only then detaches the sentence vectors, so BERT's self-attention still runs with grad enabled and its in-place query scaling on the chunk(3) output fails during the forward
# source: https://github.com/jcyk/BERT/issues/4
import math
from types import SimpleNamespace

import torch
import torch.nn.functional as F
from torch import nn
from torch.nn import Parameter

torch.manual_seed(0)


def gelu(x):
    cdf = 0.5 * (1.0 + torch.erf(x / math.sqrt(2.0)))
    return cdf * x


class LayerNorm(nn.Module):
    def __init__(self, hidden_size, eps=1e-12):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(hidden_size))
        self.bias = nn.Parameter(torch.zeros(hidden_size))
        self.eps = eps

    def forward(self, x):
        u = x.mean(-1, keepdim=True)
        s = (x - u).pow(2).mean(-1, keepdim=True)
        x = (x - u) / torch.sqrt(s + self.eps)
        return self.weight * x + self.bias


class MultiheadAttention(nn.Module):
    def __init__(self, embed_dim, num_heads, dropout=0.0, weights_dropout=True):
        super().__init__()
        self.embed_dim = embed_dim
        self.num_heads = num_heads
        self.dropout = dropout
        self.head_dim = embed_dim // num_heads
        self.scaling = self.head_dim**-0.5
        self.in_proj_weight = Parameter(torch.Tensor(3 * embed_dim, embed_dim))
        self.in_proj_bias = Parameter(torch.Tensor(3 * embed_dim))
        self.out_proj = nn.Linear(embed_dim, embed_dim, bias=True)
        self.weights_dropout = weights_dropout
        nn.init.normal_(self.in_proj_weight, std=0.02)
        nn.init.normal_(self.out_proj.weight, std=0.02)
        nn.init.constant_(self.in_proj_bias, 0.0)
        nn.init.constant_(self.out_proj.bias, 0.0)

    def forward(self, query, key, value, key_padding_mask=None, attn_mask=None, need_weights=False):
        qkv_same = query.data_ptr() == key.data_ptr() == value.data_ptr()
        kv_same = key.data_ptr() == value.data_ptr()
        tgt_len, bsz, embed_dim = query.size()
        if qkv_same:
            q, k, v = self.in_proj_qkv(query)
        elif kv_same:
            q = self.in_proj_q(query)
            k, v = self.in_proj_kv(key)
        else:
            q = self.in_proj_q(query)
            k = self.in_proj_k(key)
            v = self.in_proj_v(value)
        q *= self.scaling  # expect: GG003  # raises: RuntimeError: is a view and is being modified inplace. This view is the output of a function that returns multiple views

        q = q.contiguous().view(tgt_len, bsz * self.num_heads, self.head_dim).transpose(0, 1)
        k = k.contiguous().view(-1, bsz * self.num_heads, self.head_dim).transpose(0, 1)
        v = v.contiguous().view(-1, bsz * self.num_heads, self.head_dim).transpose(0, 1)
        src_len = k.size(1)
        attn_weights = torch.bmm(q, k.transpose(1, 2))
        if attn_mask is not None:
            attn_weights.masked_fill_(attn_mask.unsqueeze(0), float("-inf"))
        if key_padding_mask is not None:
            attn_weights = attn_weights.view(bsz, self.num_heads, tgt_len, src_len)
            attn_weights.masked_fill_(key_padding_mask.transpose(0, 1).unsqueeze(1).unsqueeze(2), float("-inf"))
            attn_weights = attn_weights.view(bsz * self.num_heads, tgt_len, src_len)
        attn_weights = F.softmax(attn_weights, dim=-1)
        if self.weights_dropout:
            attn_weights = F.dropout(attn_weights, p=self.dropout, training=self.training)
        attn = torch.bmm(attn_weights, v)
        attn = attn.transpose(0, 1).contiguous().view(tgt_len, bsz, embed_dim)
        return self.out_proj(attn), None

    def in_proj_qkv(self, query):
        return self._in_proj(query).chunk(3, dim=-1)

    def in_proj_kv(self, key):
        return self._in_proj(key, start=self.embed_dim).chunk(2, dim=-1)

    def in_proj_q(self, query):
        return self._in_proj(query, end=self.embed_dim)

    def in_proj_k(self, key):
        return self._in_proj(key, start=self.embed_dim, end=2 * self.embed_dim)

    def in_proj_v(self, value):
        return self._in_proj(value, start=2 * self.embed_dim)

    def _in_proj(self, input, start=0, end=None):
        weight = self.in_proj_weight[start:end, :]
        bias = self.in_proj_bias[start:end]
        return F.linear(input, weight, bias)


class TransformerLayer(nn.Module):
    def __init__(self, embed_dim, ff_embed_dim, num_heads, dropout, weights_dropout=True):
        super().__init__()
        self.self_attn = MultiheadAttention(embed_dim, num_heads, dropout, weights_dropout)
        self.fc1 = nn.Linear(embed_dim, ff_embed_dim)
        self.fc2 = nn.Linear(ff_embed_dim, embed_dim)
        self.attn_layer_norm = LayerNorm(embed_dim)
        self.ff_layer_norm = LayerNorm(embed_dim)
        self.dropout = dropout

    def forward(self, x, kv=None, self_padding_mask=None, self_attn_mask=None):
        residual = x
        if kv is None:
            x, _ = self.self_attn(query=x, key=x, value=x, key_padding_mask=self_padding_mask, attn_mask=self_attn_mask)
        else:
            x, _ = self.self_attn(query=x, key=kv, value=kv, key_padding_mask=self_padding_mask, attn_mask=self_attn_mask)
        x = F.dropout(x, p=self.dropout, training=self.training)
        x = self.attn_layer_norm(residual + x)
        residual = x
        x = gelu(self.fc1(x))
        x = F.dropout(x, p=self.dropout, training=self.training)
        x = self.fc2(x)
        x = F.dropout(x, p=self.dropout, training=self.training)
        return self.ff_layer_norm(residual + x)


def Embedding(num_embeddings, embedding_dim, padding_idx):
    m = nn.Embedding(num_embeddings, embedding_dim, padding_idx=padding_idx)
    nn.init.normal_(m.weight, std=0.02)
    if padding_idx is not None:
        nn.init.constant_(m.weight[padding_idx], 0)
    return m


class LearnedPositionalEmbedding(nn.Module):
    def __init__(self, embedding_dim, init_size=64):
        super().__init__()
        self.weights = nn.Embedding(init_size, embedding_dim)
        nn.init.normal_(self.weights.weight, std=0.02)

    def forward(self, input, offset=0):
        seq_len, bsz = input.size()
        positions = offset + torch.arange(seq_len)
        return self.weights(positions).unsqueeze(1).expand(-1, bsz, -1)


class Vocab:
    def __init__(self, size=40, padding_idx=0):
        self.size = size
        self.padding_idx = padding_idx


class BERTLM(nn.Module):
    def __init__(self, vocab, embed_dim, ff_embed_dim, num_heads, dropout, layers):
        super().__init__()
        self.vocab = vocab
        self.embed_dim = embed_dim
        self.tok_embed = Embedding(vocab.size, embed_dim, vocab.padding_idx)
        self.pos_embed = LearnedPositionalEmbedding(embed_dim)
        self.seg_embed = Embedding(2, embed_dim, None)
        self.out_proj_bias = nn.Parameter(torch.zeros(vocab.size))
        self.layers = nn.ModuleList([TransformerLayer(embed_dim, ff_embed_dim, num_heads, dropout) for _ in range(layers)])
        self.emb_layer_norm = LayerNorm(embed_dim)
        self.one_more = nn.Linear(embed_dim, embed_dim)
        self.one_more_layer_norm = LayerNorm(embed_dim)
        self.one_more_nxt_snt = nn.Linear(embed_dim, embed_dim)
        self.nxt_snt_pred = nn.Linear(embed_dim, 1)
        self.dropout = dropout

    def work(self, inp, seg=None):
        if seg is None:
            seg = torch.zeros_like(inp)
        x = self.tok_embed(inp) + self.seg_embed(seg) + self.pos_embed(inp)
        x = self.emb_layer_norm(x)
        x = F.dropout(x, p=self.dropout, training=self.training)
        padding_mask = torch.eq(inp, self.vocab.padding_idx)
        if not padding_mask.any():
            padding_mask = None
        for layer in self.layers:
            x = layer(x, self_padding_mask=padding_mask)
        z = torch.tanh(self.one_more_nxt_snt(x[0]))
        return x, z

    def forward(self, truth, inp, seg, msk, nxt_snt_flag):
        seq_len, bsz = inp.size()
        x = self.tok_embed(inp) + self.seg_embed(seg) + self.pos_embed(inp)
        x = self.emb_layer_norm(x)
        x = F.dropout(x, p=self.dropout, training=self.training)
        padding_mask = torch.eq(truth, self.vocab.padding_idx)
        if not padding_mask.any():
            padding_mask = None
        for layer in self.layers:
            x = layer(x, self_padding_mask=padding_mask)
        masked_x = x.masked_select(msk.unsqueeze(-1)).view(-1, self.embed_dim)
        gold = truth.masked_select(msk)
        y = self.one_more_layer_norm(gelu(self.one_more(masked_x)))
        log_probs = torch.log_softmax(F.linear(y, self.tok_embed.weight, self.out_proj_bias), -1)
        loss = F.nll_loss(log_probs, gold, reduction="mean")
        z = torch.tanh(self.one_more_nxt_snt(x[0]))
        nxt_snt_pred = torch.sigmoid(self.nxt_snt_pred(z).squeeze(1))
        nxt_snt_acc = torch.eq(torch.gt(nxt_snt_pred, 0.5), nxt_snt_flag).float().sum().item()
        nxt_snt_loss = F.binary_cross_entropy(nxt_snt_pred, nxt_snt_flag.float(), reduction="mean")
        tot_loss = loss + nxt_snt_loss
        _, pred = log_probs.max(-1)
        acc = torch.eq(pred, gold).float().sum().item()
        return (pred, gold), tot_loss, acc, msk.float().sum().item(), nxt_snt_acc, bsz


def ListsToTensor(xs, vocab, cls_idx=1, sep_idx=2):
    lens = [len(x) + 2 for x in xs]
    mx_len = max(lens)
    ys = [[cls_idx] + x + [sep_idx] + [vocab.padding_idx] * (mx_len - lens[i]) for i, x in enumerate(xs)]
    return torch.LongTensor(ys).t_().contiguous()


def batchify(data, vocab):
    return ListsToTensor([x[0] for x in data], vocab), ListsToTensor([x[1] for x in data], vocab)


def label_smoothed_nll_loss(log_probs, target, eps):
    nll_loss = -log_probs.gather(dim=-1, index=target.unsqueeze(1)).squeeze(1)
    if eps == 0.0:
        return nll_loss
    smooth_loss = -log_probs.sum(dim=-1)
    eps_i = eps / log_probs.size(-1)
    return (1.0 - eps) * nll_loss + eps_i * smooth_loss


class myModel(nn.Module):
    def __init__(self, bert_model, embed_dim, dropout):
        super().__init__()
        self.bert_model = bert_model
        self.scorer = nn.Linear(embed_dim, embed_dim)
        self.dropout = dropout
        nn.init.normal_(self.scorer.weight, std=0.02)
        nn.init.constant_(self.scorer.bias, 0.0)

    def forward(self, src, tgt, fine_tune=False):
        bsz = src.size(1)
        x = self.bert_model.work(src)[1]
        y = self.bert_model.work(tgt)[1]
        if not fine_tune:
            x = x.detach()
            y = y.detach()
        x = F.dropout(x, p=self.dropout, training=self.training)
        y = F.dropout(y, p=self.dropout, training=self.training)
        scores = torch.mm(self.scorer(x), y.transpose(0, 1))  # bsz x bsz
        log_probs = F.log_softmax(scores, -1)
        gold = torch.arange(bsz)
        _, pred = torch.max(log_probs, -1)
        acc = torch.sum(torch.eq(gold, pred).float()) / bsz
        loss = label_smoothed_nll_loss(log_probs, gold, 0.1).mean()
        return loss, acc


def pair_batches(vocab, n_batches, bsz=4):
    for _ in range(n_batches):
        pairs = [[torch.randint(4, vocab.size, (5,)).tolist(), torch.randint(4, vocab.size, (6,)).tolist()] for _ in range(bsz)]
        yield batchify(pairs, vocab)


bert_args = SimpleNamespace(embed_dim=16, ff_embed_dim=32, num_heads=2, dropout=0.1, layers=2)
args = SimpleNamespace(lr=1e-4, dropout=0.1, fine_tune=False, steps=2)
bert_model = BERTLM(Vocab(), bert_args.embed_dim, bert_args.ff_embed_dim, bert_args.num_heads, bert_args.dropout, bert_args.layers)
model = myModel(bert_model, bert_args.embed_dim, args.dropout)
model.train()
optimizer = torch.optim.Adam(model.parameters(), args.lr)
for batches_processed, (src_input, tgt_input) in enumerate(pair_batches(bert_model.vocab, args.steps), 1):
    optimizer.zero_grad()
    loss, acc = model(src_input, tgt_input, args.fine_tune)
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    optimizer.step()
    print("Batch %d, loss %.5f, acc %.5f" % (batches_processed, loss.item(), acc))
