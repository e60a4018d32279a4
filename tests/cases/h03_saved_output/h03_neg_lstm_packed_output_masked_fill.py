# case: the LSTM runs on a packed sequence and its output is padded back (pad_packed_sequence) before padded steps are zeroed in place; neither the packed kernel nor the padding keeps that tensor
import torch
import torch.nn as nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

torch.manual_seed(0)
lstm = nn.LSTM(4, 6, batch_first=True)
x = torch.randn(3, 5, 4, requires_grad=True)
lens = torch.tensor([5, 3, 2])
packed_out, _ = lstm(pack_padded_sequence(x, lens, batch_first=True))
out, _ = pad_packed_sequence(packed_out, batch_first=True)
out.masked_fill_(torch.ones_like(out, dtype=torch.bool), 0.0)
(out.sum() + x.sum()).backward()
print(x.grad.shape)
