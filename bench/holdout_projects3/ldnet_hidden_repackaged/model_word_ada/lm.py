import torch.nn as nn


class LM(nn.Module):
    def __init__(self, ntoken=12, emb=8, hid=8):
        super().__init__()
        self.word_embed = nn.Embedding(ntoken, emb)
        self.rnn = nn.LSTM(emb, hid)
        self.decode = nn.Linear(hid, ntoken)
        self.hidden = None

    def init_hidden(self):
        self.hidden = None

    def forward(self, w_in):
        out, self.hidden = self.rnn(self.word_embed(w_in), self.hidden)
        return self.decode(out)
