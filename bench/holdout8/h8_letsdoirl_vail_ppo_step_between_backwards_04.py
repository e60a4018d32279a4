# source: https://github.com/reinforcement-learning-kr/lets-do-irl/issues/9
# case: the same double backward with the two updates swapped (actor first): actor_optim.step() between the backward calls changes the actor weights the surrogate-loss graph saved, so the second loss.backward() fails in the actor branch instead
import math

import numpy as np
import torch
import torch.nn as nn

torch.manual_seed(0)
np.random.seed(0)


class Args:
    gamma = 0.99
    lamda = 0.98
    clip_param = 0.2
    ppo_update_num = 1
    batch_size = 4


class Actor(nn.Module):
    def __init__(self, num_inputs, num_outputs, hidden=8):
        super().__init__()
        self.fc1 = nn.Linear(num_inputs, hidden)
        self.fc2 = nn.Linear(hidden, hidden)
        self.fc3 = nn.Linear(hidden, num_outputs)

    def forward(self, x):
        x = torch.tanh(self.fc1(x))
        x = torch.tanh(self.fc2(x))
        mu = self.fc3(x)  # saver
        logstd = torch.zeros_like(mu)
        std = torch.exp(logstd)
        return mu, std


class Critic(nn.Module):
    def __init__(self, num_inputs, hidden=8):
        super().__init__()
        self.fc1 = nn.Linear(num_inputs, hidden)
        self.fc2 = nn.Linear(hidden, hidden)
        self.fc3 = nn.Linear(hidden, 1)

    def forward(self, x):
        x = torch.tanh(self.fc1(x))
        x = torch.tanh(self.fc2(x))
        return self.fc3(x)


def log_prob_density(x, mu, std):
    log_prob = -(x - mu).pow(2) / (2 * std.pow(2)) - 0.5 * math.log(2 * math.pi) - std.log()
    return log_prob.sum(1, keepdim=True)


def get_entropy(mu, std):
    dist = torch.distributions.Normal(mu, std)
    return dist.entropy().mean()


def get_gae(rewards, masks, values, args):
    rewards = torch.Tensor(rewards)
    masks = torch.Tensor(masks)
    returns = torch.zeros_like(rewards)
    advants = torch.zeros_like(rewards)
    running_returns, previous_value, running_advants = 0, 0, 0
    for t in reversed(range(0, len(rewards))):
        running_returns = rewards[t] + (args.gamma * running_returns * masks[t])
        returns[t] = running_returns
        running_delta = rewards[t] + (args.gamma * previous_value * masks[t]) - values.data[t]
        previous_value = values.data[t]
        running_advants = running_delta + (args.gamma * args.lamda * running_advants * masks[t])
        advants[t] = running_advants
    advants = (advants - advants.mean()) / advants.std()
    return returns, advants


def surrogate_loss(actor, advants, states, old_policy, actions, batch_index):
    mu, std = actor(states)
    new_policy = log_prob_density(actions, mu, std)
    old_policy = old_policy[batch_index]
    ratio = torch.exp(new_policy - old_policy)
    return ratio * advants, ratio, get_entropy(mu, std)


def train_ppo(actor, critic, memory, actor_optim, critic_optim, args):
    states = np.vstack([m[0] for m in memory])
    actions = [m[1] for m in memory]
    rewards = [m[2] for m in memory]
    masks = [m[3] for m in memory]

    old_values = critic(torch.Tensor(states))
    returns, advants = get_gae(rewards, masks, old_values, args)
    mu, std = actor(torch.Tensor(states))
    old_policy = log_prob_density(torch.Tensor(np.array(actions)), mu, std)

    criterion = torch.nn.MSELoss()
    n = len(states)
    arr = np.arange(n)
    for _ in range(args.ppo_update_num):
        np.random.shuffle(arr)
        for i in range(n // args.batch_size):
            batch_index = torch.LongTensor(arr[args.batch_size * i : args.batch_size * (i + 1)])
            inputs = torch.Tensor(states)[batch_index]
            actions_samples = torch.Tensor(np.array(actions))[batch_index]
            returns_samples = returns.unsqueeze(1)[batch_index]
            advants_samples = advants.unsqueeze(1)[batch_index]
            oldvalue_samples = old_values[batch_index].detach()

            values = critic(inputs)
            clipped_values = oldvalue_samples + torch.clamp(values - oldvalue_samples, -args.clip_param, args.clip_param)
            critic_loss1 = criterion(clipped_values, returns_samples)
            critic_loss2 = criterion(values, returns_samples)
            critic_loss = torch.max(critic_loss1, critic_loss2).mean()

            loss, ratio, entropy = surrogate_loss(
                actor, advants_samples, inputs, old_policy.detach(), actions_samples, batch_index
            )
            clipped_ratio = torch.clamp(ratio, 1.0 - args.clip_param, 1.0 + args.clip_param)
            clipped_loss = clipped_ratio * advants_samples
            actor_loss = -torch.min(loss, clipped_loss).mean()

            loss = actor_loss + 0.5 * critic_loss - 0.001 * entropy

            actor_optim.zero_grad()
            loss.backward(retain_graph=True)
            actor_optim.step()  # expect: GG002

            critic_optim.zero_grad()
            loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
            critic_optim.step()


actor = Actor(3, 2)
critic = Critic(3)
actor_optim = torch.optim.Adam(actor.parameters(), lr=3e-4)
critic_optim = torch.optim.Adam(critic.parameters(), lr=3e-4, weight_decay=1e-3)
memory = [(np.random.randn(3), np.random.randn(2), float(np.random.rand()), 1.0 if t < 7 else 0.0) for t in range(8)]
train_ppo(actor, critic, memory, actor_optim, critic_optim, Args())
