# source: https://github.com/pytorch/rl/issues/1742
# case: contrast suggested by the title ("Python-based RNNs"): the same masked in-place reset and the same two recurrent passes with the built-in `nn.GRU` kernel instead; on CPU the built-in GRU also saves the initial hidden state it is given (a view of the batch's tensor) for backward, so the second call's reset breaks the backward here as well
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)


class GRUModule(nn.Module):
    def __init__(self, input_size, hidden_size, num_layers=1):
        super().__init__()
        self.gru = nn.GRU(input_size, hidden_size, num_layers, batch_first=True)

    def forward(self, td):
        value, is_init, hidden = td["embed"], td["is_init"], td["recurrent_state"]
        if is_init.any():
            hidden[is_init] = 0  # expect: GG002
        val, hidden_out = self.gru(value.unsqueeze(1), hidden.transpose(0, 1))  # saver
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
(loss_actor + loss_alpha).backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
optimizer.step()
print(round(loss_actor.item(), 4), round(loss_alpha.item(), 4))
