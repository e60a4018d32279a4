# source: https://github.com/kashif/firedup/issues/11
# case: the maintainer's fix ("fix loss update order"): q is computed and the critic stepped first, then a fresh call of the ActorCritic gives q_pi for the policy loss, so its backward sees the updated critic weights it saved; target networks are still Polyak-averaged through .data
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)


class MLP(nn.Module):
    def __init__(self, layers, activation=torch.tanh, output_activation=None, output_scale=1, output_squeeze=False):
        super().__init__()
        self.layers = nn.ModuleList()
        self.activation = activation
        self.output_activation = output_activation
        self.output_scale = output_scale
        self.output_squeeze = output_squeeze
        for i, layer in enumerate(layers[1:]):
            self.layers.append(nn.Linear(layers[i], layer))
            nn.init.zeros_(self.layers[i].bias)

    def forward(self, inputs):
        x = inputs
        for layer in self.layers[:-1]:
            x = self.activation(layer(x))
        if self.output_activation is None:
            x = self.layers[-1](x) * self.output_scale
        else:
            x = self.output_activation(self.layers[-1](x)) * self.output_scale
        return x.squeeze() if self.output_squeeze else x


class ActorCritic(nn.Module):
    def __init__(self, in_features, action_dim, hidden_sizes=(8, 8), activation=torch.relu, output_activation=torch.tanh):
        super().__init__()
        self.policy = MLP([in_features] + list(hidden_sizes) + [action_dim], activation, output_activation, 2.0)
        self.q = MLP([in_features + action_dim] + list(hidden_sizes) + [1], activation, output_squeeze=True)

    def forward(self, x, a):
        pi = self.policy(x)
        q = self.q(torch.cat((x, a), dim=1))
        q_pi = self.q(torch.cat((x, pi), dim=1))
        return pi, q, q_pi


obs_dim, act_dim, gamma, polyak = 3, 1, 0.99, 0.995
main = ActorCritic(obs_dim, act_dim)
target = ActorCritic(obs_dim, act_dim)
target.load_state_dict(main.state_dict())
pi_optimizer = torch.optim.Adam(main.policy.parameters(), lr=1e-3)
q_optimizer = torch.optim.Adam(main.q.parameters(), lr=1e-3)

for _ in range(2):
    obs1, obs2 = torch.randn(5, obs_dim), torch.randn(5, obs_dim)
    acts, rews, done = torch.rand(5, act_dim) * 4 - 2, torch.randn(5), torch.zeros(5)
    _, _, q_pi_targ = target(obs2, acts)

    # Bellman backup for Q function
    backup = (rews + gamma * (1 - done) * q_pi_targ).detach()

    # DDPG Q loss
    _, q, _ = main(obs1, acts)
    q_loss = F.mse_loss(q, backup)

    # Q-learning update
    q_optimizer.zero_grad()
    q_loss.backward()
    q_optimizer.step()

    # DDPG Policy loss
    _, _, q_pi = main(obs1, acts)
    pi_loss = -q_pi.mean()

    # Policy update
    pi_optimizer.zero_grad()
    pi_loss.backward()
    pi_optimizer.step()

    # Polyak averaging for target parameters
    for p_main, p_target in zip(main.parameters(), target.parameters()):
        p_target.data.copy_(polyak * p_target.data + (1 - polyak) * p_main.data)
