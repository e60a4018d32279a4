# case: BiDAF's LSTM wrapper (utils/nn.py) sets the forget-gate bias with bias_hh.chunk(4)[1].fill_(1) outside no_grad; building the model in run.py fails because chunk outputs may not be modified in place
# source: https://github.com/galsang/BiDAF-pytorch/issues/30
from types import SimpleNamespace

import torch
import torch.nn.functional as F

from model import BiDAF

torch.manual_seed(0)
args = SimpleNamespace(vocab_size=50, word_dim=8, hidden_size=6, dropout=0.2)
model = BiDAF(args)
optimizer = torch.optim.Adadelta(model.parameters(), lr=0.5)

c_words = torch.randint(0, 50, (2, 12))
q_words = torch.randint(0, 50, (2, 5))
s_idx, e_idx = torch.tensor([1, 3]), torch.tensor([4, 7])

p1, p2 = model(c_words, q_words)
loss = F.cross_entropy(p1, s_idx) + F.cross_entropy(p2, e_idx)
optimizer.zero_grad()
loss.backward()
optimizer.step()
