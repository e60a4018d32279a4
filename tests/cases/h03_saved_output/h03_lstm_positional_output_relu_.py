# case: an LSTM built with positional arguments (batch_first given as the fifth, bidirectional left at its default) whose output is rectified in place with torch.relu_; the one-direction kernel kept the output
import torch
import torch.nn as nn

torch.manual_seed(0)
lstm = nn.LSTM(4, 6, 1, True, True)
head = nn.Linear(6, 2)
x = torch.randn(2, 5, 4, requires_grad=True)
out, (h, c) = lstm(x)  # saver
torch.relu_(out)  # expect: GG002
loss = head(out[:, -1]).sum()
loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
