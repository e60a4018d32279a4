import torch


def update(actor, critic, actor_opt, critic_opt, state, target):
    action = torch.tanh(actor(state))
    critic_loss = (critic(state, action.detach()) - target).pow(2).mean()
    actor_loss = -critic(state, action).mean()
    critic_opt.zero_grad()
    critic_loss.backward()
    critic_opt.step()  # expect: GG002
    actor_opt.zero_grad()
    actor_loss.backward()  # raises: RuntimeError: modified by an inplace operation
    actor_opt.step()
