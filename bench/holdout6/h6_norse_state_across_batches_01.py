# source: https://github.com/norse/norse/issues/163
# case: a SequentialState-like container returns the spiking layer's state, which the training loop feeds back on the next batch without detaching; the state update (`z @ recurrent_weights.t()`) is first reached by the next batch's backward, after `optimizer.step()` changed the recurrent weights (no retain_graph involved)
import torch
import torch.nn as nn

torch.manual_seed(0)


class LIFCell(nn.Module):
    def __init__(self, input_size, hidden_size):
        super().__init__()
        self.input_weights = nn.Parameter(torch.randn(hidden_size, input_size) * 0.5)
        self.recurrent_weights = nn.Parameter(torch.randn(hidden_size, hidden_size) * 0.5)

    def forward(self, x, state=None):
        v = torch.zeros(x.shape[0], self.recurrent_weights.shape[0]) if state is None else state
        z = torch.sigmoid(5.0 * (v - 0.5))
        v_new = x @ self.input_weights.t() + z @ self.recurrent_weights.t()
        return z, v_new


class SequentialState(nn.Module):
    def __init__(self, *modules):
        super().__init__()
        self.stateful = nn.ModuleList(modules[:-1])
        self.readout = modules[-1]

    def forward(self, x, state=None):
        state = [None] * len(self.stateful) if state is None else state
        new_state = []
        for module, s in zip(self.stateful, state):
            x, s = module(x, s)
            new_state.append(s)
        return self.readout(x), new_state


model = SequentialState(LIFCell(3, 6), LIFCell(6, 6), nn.Linear(6, 2))
optimizer = torch.optim.Adam(model.parameters(), lr=1e-2)
loss_fn = nn.CrossEntropyLoss()
state = None
for batch in range(3):
    x, y = torch.randn(4, 3), torch.randint(0, 2, (4,))
    read_out, state = model(x, state)
    loss = loss_fn(read_out, y)
    optimizer.zero_grad()
    loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
    optimizer.step()  # expect: GG002
