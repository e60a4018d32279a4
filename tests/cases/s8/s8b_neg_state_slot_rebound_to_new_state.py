# case: the same stateful wrapper with the holder rebinding its slot to the new state (`self.value = new_value`): the tensor the RNN saved is left as it was, and the backward runs
import torch
import torch.nn as nn


class StateSlot:
    def __init__(self, value):
        self.value = value

    def store(self, new_value):
        self.value = new_value


class StatefulRNN(nn.Module):
    def __init__(self, n_in, n_hidden, batch):
        super().__init__()
        self.rnn = nn.RNN(n_in, n_hidden, batch_first=True)
        self.slot = StateSlot(torch.zeros(1, batch, n_hidden))

    def forward(self, x):
        out, h = self.rnn(x, self.slot.value)
        self.slot.store(h.detach())
        return out[:, -1]


torch.manual_seed(0)
model = StatefulRNN(3, 4, 2)
loss = model(torch.randn(2, 5, 3)).pow(2).mean()
loss.backward()
