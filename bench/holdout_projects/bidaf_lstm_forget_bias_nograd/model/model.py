import torch
import torch.nn as nn
import torch.nn.functional as F

from utils.nn import LSTM, Linear


class BiDAF(nn.Module):
    """Word embedding -> contextual LSTM -> attention flow -> modeling LSTM -> span logits (tiny)."""

    def __init__(self, args):
        super().__init__()
        self.word_emb = nn.Embedding(args.vocab_size, args.word_dim)
        self.context_LSTM = LSTM(args.word_dim, args.hidden_size, batch_first=True, bidirectional=True,
                                 dropout=args.dropout)
        self.att_weight_c = Linear(args.hidden_size * 2, 1)
        self.att_weight_q = Linear(args.hidden_size * 2, 1)
        self.modeling_LSTM = LSTM(args.hidden_size * 8, args.hidden_size, batch_first=True, bidirectional=True,
                                  dropout=args.dropout)
        self.p1_weight = Linear(args.hidden_size * 2, 1, dropout=args.dropout)
        self.p2_weight = Linear(args.hidden_size * 2, 1, dropout=args.dropout)

    def att_flow_layer(self, c, q):
        s = self.att_weight_c(c) + self.att_weight_q(q).transpose(1, 2)  # (B, c_len, q_len)
        a = F.softmax(s, dim=2)
        c2q = torch.bmm(a, q)
        b = F.softmax(torch.max(s, dim=2)[0], dim=1).unsqueeze(1)
        q2c = torch.bmm(b, c).expand_as(c)
        return torch.cat([c, c2q, c * c2q, c * q2c], dim=-1)

    def forward(self, c_words, q_words):
        c, _ = self.context_LSTM(self.word_emb(c_words))
        q, _ = self.context_LSTM(self.word_emb(q_words))
        g = self.att_flow_layer(c, q)
        m, _ = self.modeling_LSTM(g)
        return self.p1_weight(m).squeeze(-1), self.p2_weight(m).squeeze(-1)
