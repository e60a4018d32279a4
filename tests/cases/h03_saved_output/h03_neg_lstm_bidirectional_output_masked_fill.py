# case: padded steps of a bidirectional LSTM's output are zeroed in place; the bidirectional CPU kernel does not keep its output for backward (only the one-direction one does), so training runs
import torch
import torch.nn as nn

torch.manual_seed(0)
lstm = nn.LSTM(input_size=4, hidden_size=6, batch_first=True, bidirectional=True)
x = torch.randn(3, 5, 4, requires_grad=True)
lens = torch.tensor([5, 3, 2])
pad = torch.arange(5).unsqueeze(0) >= lens.unsqueeze(1)
out, (h, c) = lstm(x)
out.masked_fill_(pad.unsqueeze(-1), 0.0)
out.pow(2).sum().backward()
print(x.grad.shape)
