import numpy as np
import torch
import torch.optim as optim
from torch.distributions.kl import kl_divergence

from common.svpg.particles import SVPGParticle
from common.svpg.svpg_utils import parameters_to_vector, vector_to_parameters

device = torch.device("cpu")
LEARNING_RATE = 3e-4
HIDDEN_DIMENSIONS = 8


class SVPG:
    """Stein Variational Policy Gradient over simulator randomisation parameters."""

    def __init__(self, nagents, nparams, max_step_length, svpg_rollout_length, svpg_horizon, temperature, kld_coefficient):
        self.particles, self.prior_particles, self.optimizers, self.critic_optimizers = [], [], [], []
        self.max_step_length = max_step_length
        self.svpg_rollout_length = svpg_rollout_length
        self.svpg_horizon = svpg_horizon
        self.temperature = temperature
        self.nagents = nagents
        self.gamma = 0.99
        self.nparams = nparams
        self.kld_coefficient = kld_coefficient
        self.rng = np.random.RandomState(0)
        self.last_states = self.rng.uniform(0, 1, (self.nagents, self.nparams))
        self.timesteps = np.zeros(self.nagents)
        for i in range(self.nagents):
            policy = SVPGParticle(self.nparams, self.nparams, HIDDEN_DIMENSIONS).to(device)
            prior_policy = SVPGParticle(self.nparams, self.nparams, HIDDEN_DIMENSIONS, freeze=True).to(device)
            self.particles.append(policy)
            self.prior_particles.append(prior_policy)
            self.optimizers.append(optim.Adam(policy.parameters(), lr=LEARNING_RATE))
            self.critic_optimizers.append(optim.Adam(policy.critic.parameters(), lr=LEARNING_RATE))

    def _Kxx_dxKxx(self, X):
        X_np = X.detach().cpu().numpy()
        pairwise_dists = ((X_np[:, None, :] - X_np[None, :, :]) ** 2).sum(-1)
        h = np.sqrt(0.5 * np.median(pairwise_dists) / np.log(self.nagents + 1)) + 1e-8
        Kxx = torch.exp(-torch.from_numpy(pairwise_dists).float() / h**2 / 2)
        dxKxx = -(Kxx).matmul(X)
        sumKxx = Kxx.sum(1)
        for i in range(X.shape[1]):
            dxKxx[:, i] = dxKxx[:, i] + X[:, i].matmul(sumKxx)
        dxKxx /= h**2
        return Kxx, dxKxx

    def select_action(self, policy_idx, state):
        state = torch.from_numpy(state).float().unsqueeze(0).to(device)
        policy = self.particles[policy_idx]
        dist, value = policy(state)
        prior_dist, _ = self.prior_particles[policy_idx](state)
        action = dist.sample()
        policy.saved_log_probs.append(dist.log_prob(action).sum(-1))
        policy.saved_klds.append(kl_divergence(dist, prior_dist).sum(-1))
        return action.squeeze(0).cpu().detach().numpy(), value

    def compute_returns(self, next_value, rewards, masks, klds):
        R = next_value
        returns = []
        for step in reversed(range(len(rewards))):
            R = self.gamma * masks[step] * R + (rewards[step] - self.kld_coefficient * klds[step])
            returns.insert(0, R)
        return returns

    def step(self):
        self.simulation_instances = np.zeros((self.nagents, self.svpg_rollout_length, self.nparams))
        self.values = [[] for _ in range(self.nagents)]
        self.masks = np.ones((self.nagents, self.svpg_rollout_length))
        for i in range(self.nagents):
            self.particles[i].reset()
            current_sim_params = self.last_states[i]
            for t in range(self.svpg_rollout_length):
                self.simulation_instances[i][t] = current_sim_params
                action, value = self.select_action(i, current_sim_params)
                self.values[i].append(value)
                action = action / (np.linalg.norm(action, ord=2) + 1e-8)
                next_params = np.clip(current_sim_params + action * self.max_step_length, 0, 1)
                if self.timesteps[i] + 1 == self.svpg_horizon:
                    next_params = self.rng.uniform(0, 1, (self.nparams,))
                    self.masks[i][t] = 0
                    self.timesteps[i] = 0
                current_sim_params = next_params
                self.timesteps[i] += 1
            self.last_states[i] = current_sim_params
        return np.array(self.simulation_instances)

    def train(self, simulator_rewards):
        policy_grads, parameters = [], []
        for i in range(self.nagents):
            policy_grad_particle = []
            _, next_value = self.select_action(i, self.last_states[i])
            particle_rewards = torch.from_numpy(simulator_rewards[i]).float()
            masks = torch.from_numpy(self.masks[i]).float()
            returns = self.compute_returns(next_value, particle_rewards, masks, self.particles[i].saved_klds)
            returns = torch.cat(returns).detach()
            advantages = returns - torch.cat(self.values[i])
            for log_prob, advantage in zip(self.particles[i].saved_log_probs, advantages):
                policy_grad_particle.append(log_prob * advantage.detach())

            # Compute value loss, update critic
            self.critic_optimizers[i].zero_grad(set_to_none=False)
            critic_loss = 0.5 * advantages.pow(2).mean()
            critic_loss.backward(retain_graph=True)
            self.critic_optimizers[i].step()

            # Store policy gradients for SVPG update
            self.optimizers[i].zero_grad(set_to_none=False)
            policy_grad = -torch.cat(policy_grad_particle).mean()
            policy_grad.backward()
            vec_param, vec_policy_grad = parameters_to_vector(self.particles[i].actor_parameters(), both=True)
            policy_grads.append(vec_policy_grad.unsqueeze(0))
            parameters.append(vec_param.unsqueeze(0))

        parameters = torch.cat(parameters)
        Kxx, dxKxx = self._Kxx_dxKxx(parameters)
        policy_grads = 1 / self.temperature * torch.cat(policy_grads)
        grad_theta = (torch.mm(Kxx, policy_grads) + dxKxx) / self.nagents
        for i in range(self.nagents):
            vector_to_parameters(grad_theta[i], self.particles[i].actor_parameters(), grad=True)
            self.optimizers[i].step()
