import torch

from .networks import FCGP, FCQSA


class SAC:
    def __init__(self, nS, nA, gamma=0.99):
        self.policy_model = FCGP(nS, nA)
        self.online_value_model_a = FCQSA(nS, nA)
        self.online_value_model_b = FCQSA(nS, nA)
        self.target_value_model_a = FCQSA(nS, nA)
        self.target_value_model_b = FCQSA(nS, nA)
        self.policy_optimizer = torch.optim.Adam(self.policy_model.parameters(), lr=3e-4)
        self.value_optimizer_a = torch.optim.Adam(self.online_value_model_a.parameters(), lr=3e-4)
        self.value_optimizer_b = torch.optim.Adam(self.online_value_model_b.parameters(), lr=3e-4)
        self.gamma = gamma

    def optimize_model(self, experiences):
        states, actions, rewards, next_states, is_terminals = experiences

        # policy loss
        current_actions, logpi_s, _ = self.policy_model.full_pass(states)
        target_alpha = (logpi_s + self.policy_model.target_entropy).detach()
        alpha_loss = -(self.policy_model.logalpha * target_alpha).mean()
        self.policy_model.alpha_optimizer.zero_grad()
        alpha_loss.backward()
        self.policy_model.alpha_optimizer.step()
        alpha = self.policy_model.logalpha.exp()

        current_q_sa_a = self.online_value_model_a(states, current_actions)
        current_q_sa_b = self.online_value_model_b(states, current_actions)
        current_q_sa = torch.min(current_q_sa_a, current_q_sa_b)
        policy_loss = (alpha * logpi_s - current_q_sa).mean()

        # Q loss
        ap, logpi_sp, _ = self.policy_model.full_pass(next_states)
        q_spap_a = self.target_value_model_a(next_states, ap)
        q_spap_b = self.target_value_model_b(next_states, ap)
        q_spap = torch.min(q_spap_a, q_spap_b) - alpha * logpi_sp
        target_q_sa = (rewards + self.gamma * q_spap * (1 - is_terminals)).detach()
        q_sa_a = self.online_value_model_a(states, actions)
        q_sa_b = self.online_value_model_b(states, actions)
        qa_loss = (q_sa_a - target_q_sa).pow(2).mul(0.5).mean()
        qb_loss = (q_sa_b - target_q_sa).pow(2).mul(0.5).mean()

        self.value_optimizer_a.zero_grad()
        qa_loss.backward()
        self.value_optimizer_a.step()  # expect: GG002

        self.value_optimizer_b.zero_grad()
        qb_loss.backward()
        self.value_optimizer_b.step()  # expect: GG002

        self.policy_optimizer.zero_grad()
        policy_loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
        self.policy_optimizer.step()
