# case: the PR ("removed inplace operation"): BaseRNN no longer zeroes the LSTM output in place; the padded input steps are still masked out of place before the cell, and the loss backpropagates
# source: https://github.com/kaniblu/pytorch-models/pull/8
# pythonpath: .
import torch

import torchmodels

torch.manual_seed(0)
rnn_cls = torchmodels.create_model_cls(name="lstm", modargs={"dynamic": False, "layers": 1})
rnn = rnn_cls(4, 6)
optimizer = torch.optim.Adam(rnn.parameters(), lr=1e-3)

x = torch.randn(3, 5, 4)
lens = torch.tensor([5, 3, 2])
o, c, h = rnn(x, lens)
loss = o.pow(2).sum() + h.pow(2).sum()
optimizer.zero_grad()
loss.backward()
optimizer.step()
