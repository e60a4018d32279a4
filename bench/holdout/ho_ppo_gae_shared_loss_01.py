# case: PPO-GAE train_model builds one loss = actor_loss + 0.5 * critic_loss, backprops it with retain_graph=True, steps the critic optimizer, then backprops the same loss again for the actor; the critic weights saved by `values = critic(inputs)` were updated in place
# source: https://github.com/reinforcement-learning-kr/pg_travel/issues/22
import math

import numpy as np
import torch
import torch.nn as nn


class HyperParams:
    gamma = 0.99
    lamda = 0.98
    batch_size = 4
    clip_param = 0.2


hp = HyperParams


class Actor(nn.Module):
    def __init__(self, num_inputs, num_outputs, hidden=8):
        super().__init__()
        self.fc1 = nn.Linear(num_inputs, hidden)
        self.fc2 = nn.Linear(hidden, num_outputs)

    def forward(self, x):
        mu = self.fc2(torch.tanh(self.fc1(x)))
        logstd = torch.zeros_like(mu)
        std = torch.exp(logstd)
        return mu, std, logstd


class Critic(nn.Module):
    def __init__(self, num_inputs, hidden=8):
        super().__init__()
        self.fc1 = nn.Linear(num_inputs, hidden)
        self.fc2 = nn.Linear(hidden, 1)

    def forward(self, x):
        return self.fc2(torch.tanh(self.fc1(x)))


def log_density(x, mu, std, logstd):
    var = std.pow(2)
    log_density = -(x - mu).pow(2) / (2 * var) - 0.5 * math.log(2 * math.pi) - logstd
    return log_density.sum(1, keepdim=True)


def get_gae(rewards, masks, values):
    rewards = torch.Tensor(rewards)
    masks = torch.Tensor(masks)
    returns = torch.zeros_like(rewards)
    advants = torch.zeros_like(rewards)
    running_returns = 0
    previous_value = 0
    running_advants = 0
    for t in reversed(range(0, len(rewards))):
        running_returns = rewards[t] + hp.gamma * running_returns * masks[t]
        running_tderror = rewards[t] + hp.gamma * previous_value * masks[t] - values.data[t]
        running_advants = running_tderror + hp.gamma * hp.lamda * running_advants * masks[t]
        returns[t] = running_returns
        previous_value = values.data[t]
        advants[t] = running_advants
    advants = (advants - advants.mean()) / advants.std()
    return returns, advants


def surrogate_loss(actor, advants, states, old_policy, actions, index):
    mu, std, logstd = actor(torch.Tensor(states))
    new_policy = log_density(actions, mu, std, logstd)
    old_policy = old_policy[index]
    ratio = torch.exp(new_policy - old_policy)
    surrogate = ratio * advants
    return surrogate, ratio


def train_model(actor, critic, states, actions, rewards, masks, actor_optim, critic_optim):
    values = critic(torch.Tensor(states))
    returns, advants = get_gae(rewards, masks, values)
    mu, std, logstd = actor(torch.Tensor(states))
    old_policy = log_density(torch.Tensor(actions), mu, std, logstd)
    old_values = critic(torch.Tensor(states))

    criterion = torch.nn.MSELoss()
    n = len(states)
    arr = np.arange(n)
    for epoch in range(2):
        np.random.shuffle(arr)
        for i in range(n // hp.batch_size):
            batch_index = torch.LongTensor(arr[hp.batch_size * i: hp.batch_size * (i + 1)])
            inputs = torch.Tensor(states)[batch_index]
            returns_samples = returns.unsqueeze(1)[batch_index]
            advants_samples = advants.unsqueeze(1)[batch_index]
            actions_samples = torch.Tensor(actions)[batch_index]
            oldvalue_samples = old_values[batch_index].detach()

            loss, ratio = surrogate_loss(actor, advants_samples, inputs, old_policy.detach(), actions_samples, batch_index)

            values = critic(inputs)  # saver
            clipped_values = oldvalue_samples + torch.clamp(values - oldvalue_samples, -hp.clip_param, hp.clip_param)
            critic_loss1 = criterion(clipped_values, returns_samples)
            critic_loss2 = criterion(values, returns_samples)
            critic_loss = torch.max(critic_loss1, critic_loss2).mean()

            clipped_ratio = torch.clamp(ratio, 1.0 - hp.clip_param, 1.0 + hp.clip_param)
            clipped_loss = clipped_ratio * advants_samples
            actor_loss = -torch.min(loss, clipped_loss).mean()

            loss = actor_loss + 0.5 * critic_loss

            critic_optim.zero_grad()
            loss.backward(retain_graph=True)
            critic_optim.step()  # expect: GG002

            actor_optim.zero_grad()
            loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
            actor_optim.step()


torch.manual_seed(0)
actor, critic = Actor(3, 2), Critic(3)
actor_optim = torch.optim.Adam(actor.parameters(), lr=3e-4)
critic_optim = torch.optim.Adam(critic.parameters(), lr=3e-4)
states = np.random.randn(8, 3).astype(np.float32)
actions = np.random.randn(8, 2).astype(np.float32)
rewards = list(np.random.randn(8))
masks = [1.0] * 7 + [0.0]
train_model(actor, critic, states, actions, rewards, masks, actor_optim, critic_optim)
