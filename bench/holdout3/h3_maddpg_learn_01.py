# case: MADDPG learn(): the target actions (from every agent's target_actor) and the mu actions (from every agent's actor) are built once before the per-agent loop; agent 0's update then changes its actor (actor.optimizer.step()) and copies into its target_actor (load_state_dict in update_network_parameters), and agent 1's critic_loss.backward() goes back through those saved weights
# source: https://github.com/philtabor/Multi-Agent-Deep-Deterministic-Policy-Gradients/issues/2
import numpy as np
import torch as T
import torch.nn as nn
import torch.nn.functional as F
import torch.optim as optim


class CriticNetwork(nn.Module):
    def __init__(self, beta, input_dims, fc1_dims, fc2_dims, n_agents, n_actions):
        super().__init__()
        self.fc1 = nn.Linear(input_dims + n_agents * n_actions, fc1_dims)
        self.fc2 = nn.Linear(fc1_dims, fc2_dims)
        self.q = nn.Linear(fc2_dims, 1)
        self.optimizer = optim.Adam(self.parameters(), lr=beta)

    def forward(self, state, action):
        x = F.relu(self.fc1(T.cat([state, action], dim=1)))
        x = F.relu(self.fc2(x))
        return self.q(x)


class ActorNetwork(nn.Module):
    def __init__(self, alpha, input_dims, fc1_dims, fc2_dims, n_actions):
        super().__init__()
        self.fc1 = nn.Linear(input_dims, fc1_dims)
        self.fc2 = nn.Linear(fc1_dims, fc2_dims)
        self.pi = nn.Linear(fc2_dims, n_actions)
        self.optimizer = optim.Adam(self.parameters(), lr=alpha)

    def forward(self, state):
        x = F.relu(self.fc1(state))
        x = F.relu(self.fc2(x))
        return T.softmax(self.pi(x), dim=1)


class Agent:
    def __init__(self, actor_dims, critic_dims, n_actions, n_agents, alpha=0.01, beta=0.01,
                 fc1=16, fc2=16, gamma=0.95, tau=0.01):
        self.gamma = gamma
        self.tau = tau
        self.actor = ActorNetwork(alpha, actor_dims, fc1, fc2, n_actions)
        self.critic = CriticNetwork(beta, critic_dims, fc1, fc2, n_agents, n_actions)
        self.target_actor = ActorNetwork(alpha, actor_dims, fc1, fc2, n_actions)
        self.target_critic = CriticNetwork(beta, critic_dims, fc1, fc2, n_agents, n_actions)
        self.update_network_parameters(tau=1)

    def update_network_parameters(self, tau=None):
        if tau is None:
            tau = self.tau
        target_actor_state_dict = dict(self.target_actor.named_parameters())
        actor_state_dict = dict(self.actor.named_parameters())
        for name in actor_state_dict:
            actor_state_dict[name] = tau * actor_state_dict[name].clone() + \
                (1 - tau) * target_actor_state_dict[name].clone()
        self.target_actor.load_state_dict(actor_state_dict)  # expect: GG002

        target_critic_state_dict = dict(self.target_critic.named_parameters())
        critic_state_dict = dict(self.critic.named_parameters())
        for name in critic_state_dict:
            critic_state_dict[name] = tau * critic_state_dict[name].clone() + \
                (1 - tau) * target_critic_state_dict[name].clone()
        self.target_critic.load_state_dict(critic_state_dict)


class MADDPG:
    def __init__(self, actor_dims, critic_dims, n_agents, n_actions):
        self.agents = [Agent(actor_dims[i], critic_dims, n_actions, n_agents) for i in range(n_agents)]

    def learn(self, memory):
        actor_states, states, actions, rewards, actor_new_states, states_, dones = memory.sample_buffer()

        states = T.tensor(states, dtype=T.float)
        actions = T.tensor(actions, dtype=T.float)
        rewards = T.tensor(rewards)
        states_ = T.tensor(states_, dtype=T.float)
        dones = T.tensor(dones)

        all_agents_new_actions = []
        all_agents_new_mu_actions = []
        old_agents_actions = []
        for agent_idx, agent in enumerate(self.agents):
            new_states = T.tensor(actor_new_states[agent_idx], dtype=T.float)
            new_pi = agent.target_actor.forward(new_states)
            all_agents_new_actions.append(new_pi)
            mu_states = T.tensor(actor_states[agent_idx], dtype=T.float)
            pi = agent.actor.forward(mu_states)
            all_agents_new_mu_actions.append(pi)
            old_agents_actions.append(actions[agent_idx])

        new_actions = T.cat([acts for acts in all_agents_new_actions], dim=1)
        mu = T.cat([acts for acts in all_agents_new_mu_actions], dim=1)
        old_actions = T.cat([acts for acts in old_agents_actions], dim=1)

        for agent_idx, agent in enumerate(self.agents):
            critic_value_ = agent.target_critic.forward(states_, new_actions).flatten()
            critic_value_[dones[:, 0]] = 0.0
            critic_value = agent.critic.forward(states, old_actions).flatten()

            target = rewards[:, agent_idx] + agent.gamma * critic_value_
            critic_loss = F.mse_loss(target, critic_value)
            agent.critic.optimizer.zero_grad()
            critic_loss.backward(retain_graph=True)  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
            agent.critic.optimizer.step()

            actor_loss = agent.critic.forward(states, mu).flatten()
            actor_loss = -T.mean(actor_loss)
            agent.actor.optimizer.zero_grad()
            actor_loss.backward(retain_graph=True)
            agent.actor.optimizer.step()  # expect: GG002

            agent.update_network_parameters()


class MultiAgentReplayBuffer:
    """Stand-in for the repository's buffer: returns one random batch."""

    def __init__(self, actor_dims, critic_dims, n_actions, n_agents, batch_size=8):
        self.actor_dims, self.critic_dims = actor_dims, critic_dims
        self.n_actions, self.n_agents, self.batch_size = n_actions, n_agents, batch_size

    def sample_buffer(self):
        rng = np.random.default_rng(0)
        b = self.batch_size
        actor_states = [rng.standard_normal((b, d)) for d in self.actor_dims]
        actor_new_states = [rng.standard_normal((b, d)) for d in self.actor_dims]
        states = rng.standard_normal((b, self.critic_dims))
        states_ = rng.standard_normal((b, self.critic_dims))
        actions = [rng.random((b, self.n_actions)) for _ in range(self.n_agents)]
        rewards = rng.standard_normal((b, self.n_agents)).astype(np.float32)
        dones = np.zeros((b, self.n_agents), dtype=bool)
        return actor_states, states, np.array(actions), rewards, actor_new_states, states_, dones


T.manual_seed(0)
actor_dims = [6, 6]
critic_dims = sum(actor_dims)
maddpg_agents = MADDPG(actor_dims, critic_dims, n_agents=2, n_actions=3)
memory = MultiAgentReplayBuffer(actor_dims, critic_dims, n_actions=3, n_agents=2)
maddpg_agents.learn(memory)
