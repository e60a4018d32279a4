# case: QTRAN-base style agent RNN unrolled over an episode batch; the hidden states are kept in one preallocated tensor (hidden_evals[:, t + 1] = h) and each step feeds the GRUCell a slice of it, so every write bumps the version of the slice the previous GRUCell saved (version 40 vs 39 in the issue)
# source: https://github.com/starry-sky6688/MARL-Algorithms/issues/108
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)


class RNNAgent(nn.Module):
    def __init__(self, input_shape, rnn_hidden_dim, n_actions):
        super().__init__()
        self.rnn_hidden_dim = rnn_hidden_dim
        self.fc1 = nn.Linear(input_shape, rnn_hidden_dim)
        self.rnn = nn.GRUCell(rnn_hidden_dim, rnn_hidden_dim)
        self.fc2 = nn.Linear(rnn_hidden_dim, n_actions)

    def forward(self, obs, hidden_state):
        x = F.relu(self.fc1(obs))
        h_in = hidden_state.reshape(-1, self.rnn_hidden_dim)
        h = self.rnn(x, h_in)  # saver
        return self.fc2(h), h


class QtranQBase(nn.Module):
    def __init__(self, n_agents, n_actions, rnn_hidden_dim, hidden=32):
        super().__init__()
        ae_input = rnn_hidden_dim + n_actions
        self.hidden_action_encoding = nn.Sequential(nn.Linear(ae_input, ae_input), nn.ReLU(), nn.Linear(ae_input, ae_input))
        self.q = nn.Sequential(nn.Linear(ae_input, hidden), nn.ReLU(), nn.Linear(hidden, 1))

    def forward(self, hidden_states, actions):
        enc = self.hidden_action_encoding(torch.cat([hidden_states, actions], dim=-1))
        return self.q(enc.sum(dim=-2))


n_episodes, n_agents, T, obs_dim, n_actions, hid = 4, 3, 6, 10, 5, 16
eval_rnn = RNNAgent(obs_dim + n_actions + n_agents, hid, n_actions)
eval_joint_q = QtranQBase(n_agents, n_actions, hid)
params = list(eval_rnn.parameters()) + list(eval_joint_q.parameters())
optimizer = torch.optim.RMSprop(params, lr=5e-4)

batch = {
    "o": torch.randn(n_episodes, T, n_agents, obs_dim),
    "u_onehot": F.one_hot(torch.randint(0, n_actions, (n_episodes, T, n_agents)), n_actions).float(),
    "r": torch.randn(n_episodes, T, 1),
}
agent_ids = torch.eye(n_agents).expand(n_episodes, -1, -1)


def get_individual_inputs(batch, transition_idx):
    last_u = batch["u_onehot"][:, transition_idx - 1] if transition_idx > 0 else torch.zeros_like(batch["u_onehot"][:, 0])
    inputs = torch.cat([batch["o"][:, transition_idx], last_u, agent_ids], dim=-1)
    return inputs.reshape(n_episodes * n_agents, -1)


def get_individual_q(batch, max_episode_len):
    hidden_evals = torch.zeros(n_episodes * n_agents, max_episode_len + 1, hid)
    q_evals = []
    for transition_idx in range(max_episode_len):
        inputs = get_individual_inputs(batch, transition_idx)
        q_eval, h = eval_rnn(inputs, hidden_evals[:, transition_idx])
        hidden_evals[:, transition_idx + 1] = h  # expect: GG002
        q_evals.append(q_eval.view(n_episodes, n_agents, -1))
    hidden_evals = hidden_evals[:, 1:].reshape(n_episodes, n_agents, max_episode_len, hid).transpose(1, 2)
    return torch.stack(q_evals, dim=1), hidden_evals


for epoch in range(2):
    q_evals, hidden_evals = get_individual_q(batch, T)
    q_jt = eval_joint_q(hidden_evals, batch["u_onehot"]).squeeze(-1)
    chosen_q = torch.gather(q_evals, dim=3, index=batch["u_onehot"].argmax(-1, keepdim=True)).squeeze(3)
    td_loss = ((q_jt - batch["r"].squeeze(-1)) ** 2).mean()
    opt_loss = ((chosen_q.sum(-1) - q_jt.detach()) ** 2).mean()
    loss = td_loss + opt_loss
    optimizer.zero_grad()
    loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
    optimizer.step()
print("trained")
