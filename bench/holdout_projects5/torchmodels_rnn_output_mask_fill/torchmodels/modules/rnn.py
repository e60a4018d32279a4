import torch.nn as nn
import torch.nn.utils.rnn as tr

from .. import common, utils


class AbstractRNN(common.Module):
    """Takes an input sequence (and optionally its lengths) and returns all hidden outputs and the final states."""

    def __init__(self, input_dim, hidden_dim):
        super().__init__()
        self.input_dim = input_dim
        self.hidden_dim = hidden_dim

    def forward(self, x, lens=None, h=None):
        raise NotImplementedError()


class BaseRNN(AbstractRNN):
    def __init__(self, *args, dynamic=False, layers=1, dropout=0, **kwargs):
        super().__init__(*args, **kwargs)
        self.dynamic = dynamic
        self.layers = layers
        self.dropout = dropout

    def forward_cell(self, x, h0):
        raise NotImplementedError()

    def forward(self, x, lens=None, h=None):
        batch_size, max_len, _ = x.size()
        mask = None
        if lens is not None:
            mask = utils.mask(lens, max_len)
            x = x.masked_fill(~mask.unsqueeze(-1), 0)
        if self.dynamic:
            x = tr.pack_padded_sequence(x, lens, True)
        o, c, h = self.forward_cell(x, h)
        if self.dynamic:
            o, _ = tr.pad_packed_sequence(o, True, 0, max_len)
            o = o.contiguous()
        if lens is not None:
            o.masked_fill_(~mask.unsqueeze(-1), 0)  # expect: GG002
        return o, c, h


class LSTM(BaseRNN):
    name = "lstm"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.lstm = nn.LSTM(
            input_size=self.input_dim, hidden_size=self.hidden_dim, num_layers=self.layers,
            bidirectional=False, dropout=self.dropout, batch_first=True,
        )

    def forward_cell(self, x, h0):
        o, (h, c) = self.lstm(x, h0)  # saver
        h = h.permute(1, 0, 2).contiguous()
        c = c.permute(1, 0, 2).contiguous()
        return o, c[:, -1], h[:, -1]


class GRU(BaseRNN):
    name = "gru"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.gru = nn.GRU(
            input_size=self.input_dim, hidden_size=self.hidden_dim, num_layers=self.layers,
            bidirectional=False, dropout=self.dropout, batch_first=True,
        )

    def forward_cell(self, x, h0):
        o, h = self.gru(x, h0)
        h = h.permute(1, 0, 2).contiguous()
        return o, h[:, -1], h[:, -1]
