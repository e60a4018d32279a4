# case: LD-Net's loop as the maintainer explains it: `lm_model.hidden = repackage_hidden(lm_model.hidden)` (a helper in another module) detaches the carried LSTM state before each batch
# source: https://github.com/LiyuanLucasLiu/LD-Net/issues/6
import torch
import torch.nn as nn

from model_word_ada.lm import LM
from model_word_ada.utils import repackage_hidden

torch.manual_seed(0)
lm_model = LM()
optimizer = torch.optim.SGD(lm_model.parameters(), lr=0.1)
cross_entropy = nn.CrossEntropyLoss()
lm_model.init_hidden()
for w_in, w_tg in [(torch.randint(0, 12, (5, 2)), torch.randint(0, 12, (5, 2))) for _ in range(2)]:
    lm_model.hidden = repackage_hidden(lm_model.hidden)
    lm_model.zero_grad()
    output = lm_model(w_in)
    loss = cross_entropy(output.view(-1, 12), w_tg.view(-1))
    loss.backward()
    optimizer.step()
