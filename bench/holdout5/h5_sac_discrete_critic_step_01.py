# source: https://github.com/p-christ/Deep-Reinforcement-Learning-Algorithms-with-PyTorch/issues/56
# case: SAC(-Discrete) `learn()` computes the critic losses and the actor loss (through critic_local and critic_local_2) first, then `update_all_parameters` steps both critic optimizers before the actor loss is backpropagated
import torch
import torch.nn as nn
import torch.nn.functional as F


def mlp(n_in, n_out):
    return nn.Sequential(nn.Linear(n_in, 16), nn.ReLU(), nn.Linear(16, n_out))


class SAC_Discrete:
    def __init__(self, state_size=4, action_size=3):
        self.critic_local = mlp(state_size, action_size)
        self.critic_local_2 = mlp(state_size, action_size)
        self.critic_target = mlp(state_size, action_size)
        self.critic_target_2 = mlp(state_size, action_size)
        self.actor_local = mlp(state_size, action_size)
        self.critic_optimizer = torch.optim.Adam(self.critic_local.parameters(), lr=3e-4)
        self.critic_optimizer_2 = torch.optim.Adam(self.critic_local_2.parameters(), lr=3e-4)
        self.actor_optimizer = torch.optim.Adam(self.actor_local.parameters(), lr=3e-4)
        self.alpha = 0.2
        self.gamma = 0.99

    def produce_action_and_action_info(self, state):
        action_probabilities = F.softmax(self.actor_local(state), dim=-1)
        max_probability_action = torch.argmax(action_probabilities, dim=-1)
        action = torch.distributions.Categorical(action_probabilities).sample()
        z = action_probabilities == 0.0
        z = z.float() * 1e-8
        log_action_probabilities = torch.log(action_probabilities + z)
        return action, (action_probabilities, log_action_probabilities), max_probability_action

    def calculate_critic_losses(self, state_batch, action_batch, reward_batch, next_state_batch, mask_batch):
        with torch.no_grad():
            next_state_action, (action_probabilities, log_action_probabilities), _ = self.produce_action_and_action_info(next_state_batch)
            qf1_next_target = self.critic_target(next_state_batch)
            qf2_next_target = self.critic_target_2(next_state_batch)
            min_qf_next_target = action_probabilities * (torch.min(qf1_next_target, qf2_next_target) - self.alpha * log_action_probabilities)
            min_qf_next_target = min_qf_next_target.sum(dim=1).unsqueeze(-1)
            next_q_value = reward_batch + (1.0 - mask_batch) * self.gamma * (min_qf_next_target)
        qf1 = self.critic_local(state_batch).gather(1, action_batch.long())
        qf2 = self.critic_local_2(state_batch).gather(1, action_batch.long())
        qf1_loss = F.mse_loss(qf1, next_q_value)
        qf2_loss = F.mse_loss(qf2, next_q_value)
        return qf1_loss, qf2_loss

    def calculate_actor_loss(self, state_batch):
        action, (action_probabilities, log_action_probabilities), _ = self.produce_action_and_action_info(state_batch)
        qf1_pi = self.critic_local(state_batch)
        qf2_pi = self.critic_local_2(state_batch)
        min_qf_pi = torch.min(qf1_pi, qf2_pi)
        inside_term = self.alpha * log_action_probabilities - min_qf_pi
        policy_loss = (action_probabilities * inside_term).sum(dim=1).mean()
        log_action_probabilities = torch.sum(log_action_probabilities * action_probabilities, dim=1)
        return policy_loss, log_action_probabilities

    def take_optimisation_step(self, optimizer, network, loss, clipping_norm=None, retain_graph=False):
        if not isinstance(network, list):
            network = [network]
        optimizer.zero_grad()
        loss.backward(retain_graph=retain_graph)  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
        if clipping_norm is not None:
            for net in network:
                torch.nn.utils.clip_grad_norm_(net.parameters(), clipping_norm)
        optimizer.step()  # expect: GG002

    def update_all_parameters(self, critic_loss_1, critic_loss_2, actor_loss, alpha_loss):
        self.take_optimisation_step(self.critic_optimizer, self.critic_local, critic_loss_1, 5)
        self.take_optimisation_step(self.critic_optimizer_2, self.critic_local_2, critic_loss_2, 5)
        self.take_optimisation_step(self.actor_optimizer, self.actor_local, actor_loss, 5)

    def learn(self, state_batch, action_batch, reward_batch, next_state_batch, mask_batch):
        qf1_loss, qf2_loss = self.calculate_critic_losses(state_batch, action_batch, reward_batch, next_state_batch, mask_batch)
        policy_loss, log_pi = self.calculate_actor_loss(state_batch)
        alpha_loss = None
        self.update_all_parameters(qf1_loss, qf2_loss, policy_loss, alpha_loss)


agent = SAC_Discrete()
states = torch.randn(8, 4)
actions = torch.randint(0, 3, (8, 1))
rewards = torch.randn(8, 1)
next_states = torch.randn(8, 4)
masks = torch.zeros(8, 1)
agent.learn(states, actions, rewards, next_states, masks)
