# source: https://github.com/keras-team/keras/issues/23462
# case: the same stateful pattern with an LSTM layer (two state variables, h and c, each assigned in place after the fused kernel ran); the kernel saved both initial states, so the first in-place assign already breaks the backward
import torch
import torch.nn as nn

torch.manual_seed(0)


class Variable:
    """Minimal stand-in for a backend variable: holds a tensor, assign() writes into it."""

    def __init__(self, value):
        self.value = value

    def assign(self, new_value):
        self.value.copy_(new_value)  # expect: GG002


class LSTM(nn.Module):
    def __init__(self, input_dim, units, batch_size, stateful=True):
        super().__init__()
        self.units = units
        self.stateful = stateful
        self.cell = nn.LSTM(input_dim, units, batch_first=True)
        self.states = [Variable(torch.zeros(1, batch_size, units)), Variable(torch.zeros(1, batch_size, units))]

    def get_initial_state(self, batch_size):
        return torch.zeros(1, batch_size, self.units)

    def forward(self, sequences):
        if self.stateful:
            initial_state = (self.states[0].value, self.states[1].value)
        else:
            initial_state = (self.get_initial_state(sequences.shape[0]), self.get_initial_state(sequences.shape[0]))
        outputs, (h, c) = self.cell(sequences, initial_state)  # saver
        if self.stateful:
            for variable, new_state in zip(self.states, (h, c)):
                variable.assign(new_state.detach())
        return outputs[:, -1]


class Model(nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm = LSTM(4, 5, batch_size=2)
        self.head = nn.Linear(5, 1)

    def forward(self, x):
        return self.head(self.lstm(x))


model = Model()
opt = torch.optim.SGD(model.parameters(), lr=0.1)
inputs = torch.randn(2, 3, 4)
target = torch.randn(2, 1)
pred = model(inputs)
loss = nn.functional.mse_loss(pred, target)
loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
opt.step()
