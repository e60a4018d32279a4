# source: https://github.com/pytorch/rl/pull/1732
# case: the fix that landed with the faster RNNs: the restart mask is applied out of place (`hidden = torch.where(is_init_expand, 0, hidden)`), so the batch's stored hidden state is never written and both recurrent passes of the SAC-style loss backpropagate
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)


class GRU(nn.GRU):
    """A multi-layer GRU coded in Python, reusing nn.GRU's parameters."""

    @staticmethod
    def _gru_cell(x, hx, weight_ih, bias_ih, weight_hh, bias_hh):
        gate_x = F.linear(x, weight_ih, bias_ih)
        gate_h = F.linear(hx, weight_hh, bias_hh)
        i_r, i_i, i_n = gate_x.chunk(3, 1)
        h_r, h_i, h_n = gate_h.chunk(3, 1)
        resetgate = (i_r + h_r).sigmoid()
        inputgate = (i_i + h_i).sigmoid()
        newgate = (i_n + resetgate * h_n).tanh()
        return newgate + inputgate * (hx - newgate)

    def forward(self, x, hx):
        h_t = list(hx.unbind(0))
        outputs = []
        for x_t in x.unbind(1):
            for layer in range(self.num_layers):
                weights = self._all_weights[layer]
                h_t[layer] = self._gru_cell(x_t, h_t[layer], *(getattr(self, w) for w in (weights[0], weights[2], weights[1], weights[3])))
                x_t = h_t[layer]
            outputs.append(x_t)
        return torch.stack(outputs, dim=1), torch.stack(h_t, 0)


class GRUModule(nn.Module):
    def __init__(self, input_size, hidden_size, num_layers=1):
        super().__init__()
        self.gru = GRU(input_size, hidden_size, num_layers, batch_first=True)

    def forward(self, td):
        value, is_init, hidden = td["embed"], td["is_init"], td["recurrent_state"]
        if is_init.any():
            is_init_expand = is_init[:, None, None].expand_as(hidden)
            hidden = torch.where(is_init_expand, 0, hidden)
        val, hidden_out = self.gru(value.unsqueeze(1), hidden.transpose(0, 1))
        return val.squeeze(1), hidden_out.transpose(0, 1)


class RecurrentActor(nn.Module):
    def __init__(self, obs_dim=5, hidden=8, act_dim=2):
        super().__init__()
        self.embed = nn.Linear(obs_dim, hidden)
        self.gru = GRUModule(hidden, hidden, num_layers=2)
        self.head = nn.Linear(hidden, 2 * act_dim)

    def forward(self, td):
        td = dict(td, embed=torch.tanh(self.embed(td["observation"])))
        features, _ = self.gru(td)
        loc, scale = self.head(features).chunk(2, -1)
        return torch.distributions.Normal(loc, F.softplus(scale) + 1e-3)


actor = RecurrentActor()
log_alpha = torch.zeros(1, requires_grad=True)
optimizer = torch.optim.Adam(list(actor.parameters()) + [log_alpha], lr=3e-4)
target_entropy = -2.0
q_value = nn.Linear(5 + 2, 1)

batch = {
    "observation": torch.randn(6, 5),
    "is_init": torch.tensor([True, False, False, True, False, False]),
    "recurrent_state": torch.randn(6, 2, 8),
}

dist = actor(batch)
action = dist.rsample()
log_prob = dist.log_prob(action).sum(-1)
loss_actor = (log_alpha.exp().detach() * log_prob - q_value(torch.cat([batch["observation"], action], -1)).squeeze(-1)).mean()

dist_alpha = actor(batch)
log_prob_alpha = dist_alpha.log_prob(dist_alpha.rsample()).sum(-1)
loss_alpha = -(log_alpha * (log_prob_alpha + target_entropy)).mean()

optimizer.zero_grad()
(loss_actor + loss_alpha).backward()
optimizer.step()
print(round(loss_actor.item(), 4), round(loss_alpha.item(), 4))
