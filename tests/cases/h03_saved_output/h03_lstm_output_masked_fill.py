# case: padded time steps of a one-direction LSTM's output are zeroed in place (`out.masked_fill_(pad, 0)`); on CPU the LSTM kernel (MkldnnRnnLayer) keeps that output for backward, so the sequence loss cannot be backpropagated
import torch
import torch.nn as nn

torch.manual_seed(0)
lstm = nn.LSTM(input_size=4, hidden_size=6, batch_first=True)
x = torch.randn(3, 5, 4)
lens = torch.tensor([5, 3, 2])
pad = torch.arange(5).unsqueeze(0) >= lens.unsqueeze(1)
out, (h, c) = lstm(x)  # saver
out.masked_fill_(pad.unsqueeze(-1), 0.0)  # expect: GG002
loss = out.pow(2).sum()
loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
