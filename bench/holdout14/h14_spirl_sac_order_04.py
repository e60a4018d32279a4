# case: SPiRL's ActionPriorSACAgent (KL divergence to the learned skill prior weighted by a clamped alpha) trained with the pre-fix update order of SACAgent.update: both critics are stepped inside _perform_update before the policy loss, built through the critics, is backpropagated
# source: https://github.com/clvrai/spirl/issues/15
import numpy as np
import torch
import torch.nn as nn
from torch.optim import Adam

torch.manual_seed(0)


class AttrDict(dict):
    __getattr__ = dict.__getitem__
    __setattr__ = dict.__setitem__


class ParamDict(AttrDict):
    def overwrite(self, new_params):
        for param in new_params:
            self[param] = new_params[param]
        return self


def get_clipped_optimizer(*args, optimizer_type=None, **kwargs):
    class ClipGradOptimizer(optimizer_type):
        def __init__(self, *args, gradient_clip=None, **kwargs):
            super().__init__(*args, **kwargs)
            self.gradient_clip = gradient_clip

        def step(self, *args, **kwargs):
            if self.gradient_clip is not None:
                params = np.concatenate([group["params"] for group in self.param_groups])
                torch.nn.utils.clip_grad_norm_(params, self.gradient_clip)
            super().step(*args, **kwargs)

    return ClipGradOptimizer(*args, **kwargs)


class TensorModule(nn.Module):
    def __init__(self, t):
        super().__init__()
        self.t = nn.Parameter(t)

    def forward(self, *args, **kwargs):
        return self.t


class MLPCritic(nn.Module):
    def __init__(self, params):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(params.input_dim + params.action_dim, params.nz_mid), nn.LeakyReLU(0.2), nn.Linear(params.nz_mid, 1))

    def forward(self, obs, actions):
        return AttrDict(q=self.net(torch.cat((obs, actions), dim=-1)))  # saver


class MLPPolicy(nn.Module):
    has_trainable_params = True

    def __init__(self, params):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(params.input_dim, params.nz_mid), nn.LeakyReLU(0.2), nn.Linear(params.nz_mid, 2 * params.action_dim))
        self.prior = nn.Linear(params.input_dim, 2 * params.action_dim)

    def forward(self, obs):
        mu, log_sigma = self.net(obs).chunk(2, -1)
        dist = torch.distributions.Normal(mu, log_sigma.clamp(-10, 2).exp())
        action = dist.rsample()
        prior_mu, prior_log_sigma = self.prior(obs).chunk(2, -1)
        prior = torch.distributions.Normal(prior_mu.detach(), prior_log_sigma.detach().clamp(-10, 2).exp())
        return AttrDict(action=action, log_prob=dist.log_prob(action).sum(-1), dist=dist, prior_divergence=torch.distributions.kl_divergence(dist, prior).sum(-1))


class BaseAgent(nn.Module):
    def __init__(self, config):
        super().__init__()
        self._hp = self._default_hparams().overwrite(config)

    def _default_hparams(self):
        return ParamDict({"optimizer": "adam", "gradient_clip": None, "adam_beta": 0.9, "discount_factor": 0.99, "target_network_update_factor": 5e-3, "batch_size": 8, "update_iterations": 2})

    def _get_optimizer(self, optimizer, model, lr):
        return get_clipped_optimizer(filter(lambda p: p.requires_grad, model.parameters()), lr=lr, optimizer_type=Adam, betas=(self._hp.adam_beta, 0.999), gradient_clip=self._hp.gradient_clip)

    def _perform_update(self, loss, opt, network):
        opt.zero_grad()
        loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
        grads = [p.grad for p in network.parameters()]
        assert all(g is None or torch.isfinite(g).all() for g in grads)
        opt.step()  # expect: GG002

    def _soft_update_target_network(self, target, source):
        for target_param, param in zip(target.parameters(), source.parameters()):
            target_param.data.copy_(self._hp.target_network_update_factor * param.data + (1 - self._hp.target_network_update_factor) * target_param.data)

    def _copy_to_target_network(self, target, source):
        for target_param, source_param in zip(target.parameters(), source.parameters()):
            target_param.data.copy_(source_param.data)


class ACAgent(BaseAgent):
    def __init__(self, config):
        BaseAgent.__init__(self, config)
        self.policy = self._hp.policy(self._hp.policy_params)
        if self.policy.has_trainable_params:
            self.policy_opt = self._get_optimizer(self._hp.optimizer, self.policy, self._hp.policy_lr)


class SACAgent(ACAgent):
    def __init__(self, config):
        ACAgent.__init__(self, config)
        self.critics = nn.ModuleList([self._hp.critic(self._hp.critic_params) for _ in range(2)])
        self.critic_targets = nn.ModuleList([self._hp.critic(self._hp.critic_params) for _ in range(2)])
        [self._copy_to_target_network(target, source) for target, source in zip(self.critic_targets, self.critics)]
        self.critic_opts = [self._get_optimizer(self._hp.optimizer, critic, self._hp.critic_lr) for critic in self.critics]
        self._log_alpha = TensorModule(torch.zeros(1, requires_grad=True))
        self.alpha_opt = self._get_optimizer(self._hp.optimizer, self._log_alpha, self._hp.alpha_lr)
        self._target_entropy = -1 * self._hp.policy_params.action_dim
        self.replay_buffer = []
        self._update_steps = 0

    @property
    def alpha(self):
        return self._log_alpha().exp()

    def update(self, experience_batch):
        self.replay_buffer.append(experience_batch)
        for _ in range(self._hp.update_iterations):
            experience_batch = self.replay_buffer[np.random.randint(len(self.replay_buffer))]
            policy_output = self.policy(experience_batch.observation)
            alpha_loss = self._update_alpha(experience_batch, policy_output)
            policy_loss = self._compute_policy_loss(experience_batch, policy_output)
            with torch.no_grad():
                policy_output_next = self.policy(experience_batch.observation_next)
                value_next = self._compute_next_value(experience_batch, policy_output_next)
                q_target = experience_batch.reward * self._hp.reward_scale + (1 - experience_batch.done) * self._hp.discount_factor * value_next
                q_target = q_target.detach()
            critic_losses, qs = self._compute_critic_loss(experience_batch, q_target)

            # update critic networks
            [self._perform_update(critic_loss, critic_opt, critic) for critic_loss, critic_opt, critic in zip(critic_losses, self.critic_opts, self.critics)]

            # update target networks
            [self._soft_update_target_network(critic_target, critic) for critic_target, critic in zip(self.critic_targets, self.critics)]

            # update policy network on policy loss
            self._perform_update(policy_loss, self.policy_opt, self.policy)
            info = AttrDict(policy_loss=policy_loss.item(), alpha_loss=alpha_loss.item(), q_1=qs[0].mean().item())
            self._update_steps += 1
        return info

    def _update_alpha(self, experience_batch, policy_output):
        alpha_loss = self._compute_alpha_loss(policy_output)
        self._perform_update(alpha_loss, self.alpha_opt, self._log_alpha)
        return alpha_loss

    def _compute_alpha_loss(self, policy_output):
        return -1 * (self.alpha * (self._target_entropy + policy_output.log_prob).detach()).mean()

    def _compute_policy_loss(self, experience_batch, policy_output):
        q_est = torch.min(*[critic(experience_batch.observation, policy_output.action).q for critic in self.critics])
        policy_loss = -1 * q_est + self.alpha * policy_output.log_prob[:, None]
        return policy_loss.mean()

    def _compute_next_value(self, experience_batch, policy_output):
        q_next = torch.min(*[critic_target(experience_batch.observation_next, policy_output.action).q for critic_target in self.critic_targets])
        return (q_next - self.alpha * policy_output.log_prob[:, None]).squeeze(-1)

    def _compute_critic_loss(self, experience_batch, q_target):
        qs = [critic(experience_batch.observation, experience_batch.action.detach()).q.squeeze(-1) for critic in self.critics]  # no gradient propagation into policy here!
        return [0.5 * (q - q_target).pow(2).mean() for q in qs], qs


class ActionPriorSACAgent(SACAgent):
    """SAC with a learned action/skill prior: KL to the prior replaces the entropy term."""

    def __init__(self, config):
        SACAgent.__init__(self, config)
        self._target_divergence = config.target_divergence

    def _compute_alpha_loss(self, policy_output):
        return self.alpha * (self._target_divergence - policy_output.prior_divergence).detach().mean()

    def _compute_policy_loss(self, experience_batch, policy_output):
        q_est = torch.min(*[critic(experience_batch.observation, policy_output.action).q for critic in self.critics])
        policy_loss = -1 * q_est + self.alpha * policy_output.prior_divergence[:, None]
        return policy_loss.mean()

    def _compute_next_value(self, experience_batch, policy_output):
        q_next = torch.min(*[critic_target(experience_batch.observation_next, policy_output.action).q for critic_target in self.critic_targets])
        return (q_next - self.alpha * policy_output.prior_divergence[:, None]).squeeze(-1)

    @property
    def alpha(self):
        if self._hp.alpha_min is not None:
            return torch.clamp(super().alpha, min=self._hp.alpha_min)
        return super().alpha


net_params = AttrDict(input_dim=6, action_dim=2, nz_mid=16)
agent_config = AttrDict(policy=MLPPolicy, policy_params=net_params, critic=MLPCritic, critic_params=net_params, policy_lr=3e-4, critic_lr=3e-4, alpha_lr=3e-4, reward_scale=1.0, gradient_clip=None, alpha_min=0.01, target_divergence=1.0)
agent = ActionPriorSACAgent(agent_config)
for step in range(2):
    batch = AttrDict(observation=torch.randn(8, 6), observation_next=torch.randn(8, 6), action=torch.randn(8, 2), reward=torch.randn(8), done=torch.zeros(8))
    agent.update(batch)
