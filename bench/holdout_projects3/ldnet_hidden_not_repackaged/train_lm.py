# case: LD-Net language-model loop with the `repackage_hidden` call left out: the LSTM state carried in `lm_model.hidden` keeps the previous batch's graph, `loss.backward(retain_graph=True)` walks into it after `optimizer.step()`
# source: https://github.com/LiyuanLucasLiu/LD-Net/issues/6
import torch
import torch.nn as nn

from model_word_ada.lm import LM

torch.manual_seed(0)
lm_model = LM()
optimizer = torch.optim.SGD(lm_model.parameters(), lr=0.1)
cross_entropy = nn.CrossEntropyLoss()
lm_model.init_hidden()
for w_in, w_tg in [(torch.randint(0, 12, (5, 2)), torch.randint(0, 12, (5, 2))) for _ in range(2)]:
    lm_model.zero_grad()
    output = lm_model(w_in)
    loss = cross_entropy(output.view(-1, 12), w_tg.view(-1))
    loss.backward(retain_graph=True)  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
    optimizer.step()  # expect: GG002
