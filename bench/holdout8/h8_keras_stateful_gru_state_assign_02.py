# source: https://github.com/keras-team/keras/issues/23462
# case: the same stateful GRU with the state variable rebound to a fresh tensor (`self.value = new_value`) instead of written in place: the initial state the GRU saved is never modified, so training over consecutive batches runs
import torch
import torch.nn as nn

torch.manual_seed(0)


class Variable:
    """Minimal stand-in for a backend variable: holds a tensor, assign() writes into it."""

    def __init__(self, value):
        self.value = value

    def assign(self, new_value):
        self.value = new_value


class GRU(nn.Module):
    def __init__(self, input_dim, units, batch_size, stateful=True):
        super().__init__()
        self.units = units
        self.stateful = stateful
        self.cell = nn.GRU(input_dim, units, batch_first=True)
        self.states = [Variable(torch.zeros(1, batch_size, units))]

    def get_initial_state(self, batch_size):
        return torch.zeros(1, batch_size, self.units)

    def forward(self, sequences):
        if self.stateful:
            initial_state = self.states[0].value
        else:
            initial_state = self.get_initial_state(sequences.shape[0])
        outputs, new_state = self.cell(sequences, initial_state)
        if self.stateful:
            self.states[0].assign(new_state.detach())
        return outputs[:, -1]


class Model(nn.Module):
    def __init__(self):
        super().__init__()
        self.gru = GRU(4, 5, batch_size=2)
        self.head = nn.Linear(5, 1)

    def forward(self, x):
        return self.head(self.gru(x))


model = Model()
opt = torch.optim.SGD(model.parameters(), lr=0.1)
inputs = torch.randn(2, 3, 4)
target = torch.randn(2, 1)
pred = model(inputs)
loss = nn.functional.mse_loss(pred, target)
loss.backward()
opt.step()
loss2 = nn.functional.mse_loss(model(inputs), target)
loss2.backward()
