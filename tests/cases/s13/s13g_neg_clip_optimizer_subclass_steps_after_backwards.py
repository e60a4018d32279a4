# case: the optimizers are a user subclass of a torch optimizer made by a factory (`class ClipGradOptimizer(optimizer_type)` given `Adam`, whose `step` calls `super().step()`); both losses are backpropagated before either optimizer steps
import torch
import torch.nn as nn
from torch.optim import Adam

torch.manual_seed(0)


def get_clipped_optimizer(*args, optimizer_type=None, **kwargs):
    class ClipGradOptimizer(optimizer_type):
        def __init__(self, *args, gradient_clip=None, **kwargs):
            super().__init__(*args, **kwargs)
            self.gradient_clip = gradient_clip

        def step(self, *args, **kwargs):
            if self.gradient_clip is not None:
                params = [p for group in self.param_groups for p in group["params"]]
                torch.nn.utils.clip_grad_norm_(params, self.gradient_clip)
            super().step(*args, **kwargs)

    return ClipGradOptimizer(*args, **kwargs)


actor = nn.Linear(4, 2)
critic = nn.Sequential(nn.Linear(6, 8), nn.ReLU(), nn.Linear(8, 1))
actor_opt = get_clipped_optimizer(actor.parameters(), lr=1e-3, optimizer_type=Adam, gradient_clip=1.0)
critic_opt = get_clipped_optimizer(critic.parameters(), lr=1e-3, optimizer_type=Adam, gradient_clip=1.0)
obs = torch.randn(5, 4)
for it in range(2):
    q = critic(torch.cat([obs, actor(obs)], dim=-1))
    critic_loss = (q - 1).pow(2).mean()
    actor_loss = -q.mean()
    critic_opt.zero_grad()
    actor_opt.zero_grad()
    critic_loss.backward(retain_graph=True)
    actor_loss.backward()
    critic_opt.step()
    actor_opt.step()
