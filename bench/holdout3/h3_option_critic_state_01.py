# case: option-critic (CartPole features variant): the training loop keeps `state = option_critic.get_state(next_obs)` from one step to the next and computes logp = get_action(state, option) from it, but between the two steps actor_loss() and critic_loss() ran optim.step() on the shared feature network that produced state
# source: https://github.com/lweitkamp/option-critic-pytorch/issues/9
from copy import deepcopy
from types import SimpleNamespace

import numpy as np
import torch
import torch.nn as nn
from torch.distributions import Bernoulli, Categorical


def to_tensor(obs):
    return torch.from_numpy(np.asarray(obs, dtype=np.float32))


class OptionCriticFeatures(nn.Module):
    def __init__(self, in_features, num_actions, num_options, temperature=1.0):
        super().__init__()
        self.num_options = num_options
        self.temperature = temperature
        self.features = nn.Sequential(nn.Linear(in_features, 32), nn.ReLU(), nn.Linear(32, 64), nn.ReLU())
        self.Q = nn.Linear(64, num_options)
        self.terminations = nn.Linear(64, num_options)
        self.options_W = nn.Parameter(torch.zeros(num_options, 64, num_actions))
        self.options_b = nn.Parameter(torch.zeros(num_options, num_actions))

    def get_state(self, obs):
        if obs.ndim < 2:
            obs = obs.unsqueeze(0)
        return self.features(obs)

    def get_Q(self, state):
        return self.Q(state)

    def predict_option_termination(self, state, current_option):
        termination = self.terminations(state)[:, current_option].sigmoid()
        option_termination = Bernoulli(termination).sample()
        next_option = self.get_Q(state).argmax(dim=-1)
        return bool(option_termination.item()), next_option.item()

    def get_terminations(self, state):
        return self.terminations(state).sigmoid()

    def get_action(self, state, option):
        logits = state @ self.options_W[option] + self.options_b[option]
        action_dist = Categorical((logits / self.temperature).softmax(dim=-1))
        action = action_dist.sample()
        return action.item(), action_dist.log_prob(action), action_dist.entropy()

    def greedy_option(self, state):
        return self.get_Q(state).argmax(dim=-1).item()


def critic_loss(model, model_prime, data_batch, optim, args):
    obs, options, rewards, next_obs, dones = data_batch
    batch_idx = torch.arange(len(options)).long()
    options = torch.LongTensor(options)
    rewards = torch.FloatTensor(rewards)
    masks = 1 - torch.FloatTensor(dones)
    states = model.get_state(to_tensor(obs))
    next_states_prime = model_prime.get_state(to_tensor(next_obs))
    next_termination_probs = model.get_terminations(model.get_state(to_tensor(next_obs))).detach()
    next_options_term_prob = next_termination_probs[batch_idx, options]
    Q = model.get_Q(states)
    next_Q_prime = model_prime.get_Q(next_states_prime)
    y = rewards + masks * args.gamma * \
        ((1 - next_options_term_prob) * next_Q_prime[batch_idx, options] + next_options_term_prob * next_Q_prime.max(dim=-1)[0])
    td_err = y.detach() - Q[batch_idx, options]
    td_cost = 0.5 * td_err.pow(2).sum()
    optim.zero_grad()
    td_cost.backward()
    optim.step()  # expect: GG002
    return td_cost.item()


def actor_loss(obs, option, logp, entropy, reward, done, next_obs, model, model_prime, optim, args):
    state = model.get_state(to_tensor(obs))
    next_state_prime = model_prime.get_state(to_tensor(next_obs))
    option_term_prob = model.get_terminations(state)[:, option]
    next_option_term_prob = model.get_terminations(model.get_state(to_tensor(next_obs)))[:, option].detach()
    Q = model.get_Q(state).detach().squeeze()
    next_Q_prime = model_prime.get_Q(next_state_prime).detach().squeeze()
    y = reward + (1 - done) * args.gamma * \
        ((1 - next_option_term_prob) * next_Q_prime[option] + next_option_term_prob * next_Q_prime.max(dim=-1)[0])
    termination_loss = option_term_prob * (Q[option] - Q.max(dim=-1)[0] + args.termination_reg)
    policy_loss = -logp * (y.detach() - Q[option]) - args.entropy_reg * entropy
    actor_loss = termination_loss + policy_loss
    optim.zero_grad()
    actor_loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
    optim.step()  # expect: GG002
    return actor_loss.item()


class ReplayBuffer:
    def __init__(self, seed=0):
        self.rng = np.random.default_rng(seed)
        self.buffer = []

    def push(self, *transition):
        self.buffer.append(transition)

    def sample(self, batch_size):
        idx = self.rng.choice(len(self.buffer), batch_size, replace=False)
        obs, option, reward, next_obs, done = zip(*[self.buffer[i] for i in idx])
        return np.stack(obs), option, reward, np.stack(next_obs), done

    def __len__(self):
        return len(self.buffer)


class ToyCartPole:
    """Stand-in for gym's CartPole-v0: random 4-d observations, 2 actions."""

    def __init__(self, seed=0):
        self.rng = np.random.default_rng(seed)

    def reset(self):
        return self.rng.standard_normal(4)

    def step(self, action):
        return self.rng.standard_normal(4), 1.0, False, {}


args = SimpleNamespace(gamma=0.99, termination_reg=0.01, entropy_reg=0.01, batch_size=2, update_frequency=1,
                       num_options=2, learning_rate=1e-3, actor_lr=1e-3, max_steps_total=6)
torch.manual_seed(0)
env = ToyCartPole()
option_critic = OptionCriticFeatures(in_features=4, num_actions=2, num_options=args.num_options)
option_critic_prime = deepcopy(option_critic)
optim_critic = torch.optim.RMSprop(option_critic.parameters(), lr=args.learning_rate)
optim_actor = torch.optim.SGD(option_critic.parameters(), lr=args.actor_lr)
buffer = ReplayBuffer()

steps = 0
obs = env.reset()
state = option_critic.get_state(to_tensor(obs))
greedy_option = option_critic.greedy_option(state)
current_option = 0
option_termination = True
while steps < args.max_steps_total:
    if option_termination:
        current_option = np.random.choice(args.num_options) if np.random.rand() < 0.1 else greedy_option
    action, logp, entropy = option_critic.get_action(state, current_option)
    next_obs, reward, done, _ = env.step(action)
    buffer.push(obs, current_option, reward, next_obs, done)
    state = option_critic.get_state(to_tensor(next_obs))
    option_termination, greedy_option = option_critic.predict_option_termination(state, current_option)

    if len(buffer) > args.batch_size:
        actor_loss(obs, current_option, logp, entropy, reward, done, next_obs,
                   option_critic, option_critic_prime, optim_actor, args)
        if steps % args.update_frequency == 0:
            critic_loss(option_critic, option_critic_prime, buffer.sample(args.batch_size), optim_critic, args)
    steps += 1
    obs = next_obs
