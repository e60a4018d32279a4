# case: quantizable GRU unbinds the incoming hidden state and calls squeeze_(0) on each unbind output
# source: https://github.com/alibaba/TinyNeuralNetwork/issues/238
import torch
import torch.nn as nn

num_layers, num_directions, max_batch_size, hidden_size = 2, 1, 3, 5
rnn = nn.GRU(4, hidden_size, num_layers)
_, hidden = rnn(torch.randn(6, max_batch_size, 4))  # hidden state coming from a previous (trained) layer

hidden_non_opt = (hidden,)
if isinstance(hidden_non_opt[0], torch.Tensor):
    hx = (
        hidden_non_opt[0]
        .reshape(num_layers, num_directions, max_batch_size, hidden_size)
        .unbind(0)
    )
    hx = [(hx[idx].squeeze_(0)) for idx in range(num_layers)]  # expect: GG003  # raises: RuntimeError: Output 0 of Unbind is a view and is being modified inplace
