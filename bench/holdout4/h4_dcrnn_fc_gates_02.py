# case: torchTS DCRNN with fully-connected gates after the fix (commit 6b04b6d, 'Remove inplace operation'): _fc returns `torch.matmul(x, self._ru_weights) + self._ru_biases` and forward applies the single sigmoid; training runs cleanly
# source: https://github.com/Rose-STL-Lab/torchTS/issues/50
import torch
from torch import nn


def random_walk(adj_mx):
    d = adj_mx.sum(1)
    d_inv = d.pow(-1)
    d_inv[torch.isinf(d_inv)] = 0.0
    return torch.diag(d_inv) @ adj_mx


def concat(a, b):
    return torch.cat([a, b.unsqueeze(0)], dim=0)


class DCGRUCell(nn.Module):
    def __init__(self, num_units, adj_mx, max_diffusion_step, num_nodes, input_dim,
                 activation=torch.tanh, filter_type="random_walk", use_gc_for_ru=True):
        super().__init__()
        self._activation = activation
        self._num_nodes = num_nodes
        self._num_units = num_units
        self._max_diffusion_step = max_diffusion_step
        self._use_gc_for_ru = use_gc_for_ru

        supports = [random_walk(adj_mx).T]
        supports = torch.cat([s.unsqueeze(dim=0) for s in supports])
        self.register_buffer("_supports", supports)

        num_matrices = len(supports) * self._max_diffusion_step + 1
        input_size_gconv = (self._num_units + input_dim) * num_matrices
        if self._use_gc_for_ru:
            input_size_ru = input_size_gconv
        else:
            input_size_ru = self._num_units + input_dim

        output_size = 2 * self._num_units
        self._ru_weights = nn.Parameter(torch.empty(input_size_ru, output_size))
        self._ru_biases = nn.Parameter(torch.empty(output_size))
        nn.init.xavier_normal_(self._ru_weights, gain=1.0)
        nn.init.constant_(self._ru_biases, val=1.0)

        output_size = self._num_units
        self._gconv_weights = nn.Parameter(torch.empty(input_size_gconv, output_size))
        self._gconv_biases = nn.Parameter(torch.empty(output_size))
        nn.init.xavier_normal_(self._gconv_weights, gain=1.0)
        nn.init.constant_(self._gconv_biases, val=0.0)

    def forward(self, inputs, hx):
        fn = self._gconv if self._use_gc_for_ru else self._fc
        output_size = 2 * self._num_units
        value = torch.sigmoid(fn(inputs, hx, output_size, bias_start=1.0, reset=True))
        value = torch.reshape(value, (-1, self._num_nodes, output_size))
        r, u = torch.split(tensor=value, split_size_or_sections=self._num_units, dim=-1)
        r = torch.reshape(r, (-1, self._num_nodes * self._num_units))
        u = torch.reshape(u, (-1, self._num_nodes * self._num_units))
        c = self._gconv(inputs, r * hx, self._num_units)
        if self._activation is not None:
            c = self._activation(c)
        return u * hx + (1.0 - u) * c

    def _fc(self, inputs, state, output_size, bias_start=0.0, reset=True):
        batch_size = inputs.shape[0]
        shape = (batch_size * self._num_nodes, -1)
        inputs = torch.reshape(inputs, shape)
        state = torch.reshape(state, shape)
        inputs_and_state = torch.cat([inputs, state], dim=-1)

        return torch.matmul(inputs_and_state, self._ru_weights) + self._ru_biases

    def _gconv(self, inputs, state, output_size, bias_start=0.0, reset=False):
        batch_size = inputs.shape[0]
        shape = (batch_size, self._num_nodes, -1)
        inputs = torch.reshape(inputs, shape)
        state = torch.reshape(state, shape)
        inputs_and_state = torch.cat([inputs, state], dim=2)
        input_size = inputs_and_state.size(2)

        x = inputs_and_state
        x0 = x.permute(1, 2, 0)
        x0 = torch.reshape(x0, shape=[self._num_nodes, input_size * batch_size])
        x = torch.unsqueeze(x0, 0)
        if self._max_diffusion_step > 0:
            for support in self._supports:
                x1 = torch.mm(support, x0)
                x = concat(x, x1)
                for _ in range(2, self._max_diffusion_step + 1):
                    x2 = 2 * torch.mm(support, x1) - x0
                    x = concat(x, x2)
                    x1, x0 = x2, x1

        num_matrices = len(self._supports) * self._max_diffusion_step + 1
        x = torch.reshape(x, shape=[num_matrices, self._num_nodes, input_size, batch_size])
        x = x.permute(3, 1, 2, 0)
        x = torch.reshape(x, shape=[batch_size * self._num_nodes, input_size * num_matrices])
        if reset:
            weights, biases = self._ru_weights, self._ru_biases
        else:
            weights, biases = self._gconv_weights, self._gconv_biases
        x = torch.matmul(x, weights) + biases
        return torch.reshape(x, [batch_size, self._num_nodes * output_size])


class DCGRU(nn.Module):
    def __init__(self, num_layers, num_units, adj_mx, max_diffusion_step, num_nodes, input_dim,
                 filter_type="random_walk", use_gc_for_ru=True):
        super().__init__()
        self.layers = nn.ModuleList(
            DCGRUCell(num_units, adj_mx, max_diffusion_step, num_nodes,
                      input_dim if i == 0 else num_units,
                      filter_type=filter_type, use_gc_for_ru=use_gc_for_ru)
            for i in range(num_layers)
        )

    def forward(self, inputs, hidden_state):
        hidden_states = []
        output = inputs
        for i, layer in enumerate(self.layers):
            output = layer(output, hidden_state[i])
            hidden_states.append(output)
        return output, torch.stack(hidden_states)


class DCRNN(nn.Module):
    def __init__(self, adj_mx, num_units, seq_len=2, horizon=2, input_dim=1, output_dim=1,
                 max_diffusion_step=2, num_nodes=3, num_layers=1, use_gc_for_ru=True):
        super().__init__()
        args = dict(adj_mx=adj_mx, num_nodes=num_nodes, num_layers=num_layers, num_units=num_units,
                    max_diffusion_step=max_diffusion_step, use_gc_for_ru=use_gc_for_ru)
        self.encoder_model = DCGRU(input_dim=input_dim, **args)
        self.decoder_model = DCGRU(input_dim=output_dim, **args)
        self.projection_layer = nn.Linear(num_units, output_dim)
        self.seq_len, self.horizon = seq_len, horizon
        self.num_nodes, self.num_units, self.num_layers = num_nodes, num_units, num_layers
        self.output_dim = output_dim

    def forward(self, inputs):
        batch_size = inputs.size(1)
        hidden = torch.zeros(self.num_layers, batch_size, self.num_nodes * self.num_units)
        for t in range(self.seq_len):
            _, hidden = self.encoder_model(inputs[t], hidden)
        decoder_input = torch.zeros(batch_size, self.num_nodes * self.output_dim)
        outputs = []
        for t in range(self.horizon):
            output, hidden = self.decoder_model(decoder_input, hidden)
            projected = self.projection_layer(output.view(-1, self.num_units))
            decoder_input = projected.view(-1, self.num_nodes * self.output_dim)
            outputs.append(decoder_input)
        return torch.stack(outputs)


adj_mx = torch.tensor([[1.0, 0.5, 0.0], [0.5, 1.0, 0.2], [0.0, 0.2, 1.0]])
model = DCRNN(adj_mx, num_units=4, use_gc_for_ru=False)
optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
x = torch.randn(2, 5, 3)  # (seq_len, batch, num_nodes * input_dim)
y = torch.randn(2, 5, 3)
for step in range(2):
    optimizer.zero_grad()
    loss = torch.nn.functional.l1_loss(model(x), y)
    loss.backward()
    optimizer.step()
