# case: a stateful recurrent wrapper keeps its state tensor in a small holder object and, after the RNN ran, writes the new (detached) state into it with `copy_`; the RNN saved that very tensor as its initial state, so the backward of the loss fails
import torch
import torch.nn as nn


class StateSlot:
    def __init__(self, value):
        self.value = value

    def store(self, new_value):
        self.value.copy_(new_value)  # expect: GG002


class StatefulRNN(nn.Module):
    def __init__(self, n_in, n_hidden, batch):
        super().__init__()
        self.rnn = nn.RNN(n_in, n_hidden, batch_first=True)
        self.slot = StateSlot(torch.zeros(1, batch, n_hidden))

    def forward(self, x):
        out, h = self.rnn(x, self.slot.value)  # saver
        self.slot.store(h.detach())
        return out[:, -1]


torch.manual_seed(0)
model = StatefulRNN(3, 4, 2)
loss = model(torch.randn(2, 5, 3)).pow(2).mean()
loss.backward()  # raises: RuntimeError: modified by an inplace operation
