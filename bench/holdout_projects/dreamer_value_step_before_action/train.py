# case: Dreamer behaviour learning: value_optimizer.step() (train.py) runs before action_loss.backward(), but action_loss flows through the value model whose last Linear (src/dreamer/model.py) saved its weight, so the backward fails; lambda_return's in-place fills (utils.py) are safe
# source: https://github.com/cross32768/Dreamer_PyTorch/issues/2
# pythonpath: src
import torch
from torch.nn.functional import mse_loss
from torch.nn.utils import clip_grad_norm_
from torch.optim import Adam

from dreamer import ActionModel, RewardModel, TransitionModel, ValueModel, lambda_return

torch.manual_seed(0)
state_dim, rnn_hidden_dim, action_dim = 6, 8, 2
batch, horizon, gamma, lambda_ = 5, 4, 0.99, 0.95

rssm = TransitionModel(state_dim, action_dim, rnn_hidden_dim)
reward_model = RewardModel(state_dim, rnn_hidden_dim)
value_model = ValueModel(state_dim, rnn_hidden_dim)
action_model = ActionModel(state_dim, rnn_hidden_dim, action_dim)
value_optimizer = Adam(value_model.parameters(), lr=8e-5, eps=1e-4)
action_optimizer = Adam(action_model.parameters(), lr=8e-5, eps=1e-4)

# posterior states from the world-model update (already detached there)
flatten_states = torch.randn(batch, state_dim)
flatten_rnn_hiddens = torch.randn(batch, rnn_hidden_dim)

imaginated_states = torch.zeros(horizon + 1, batch, state_dim)
imaginated_rnn_hiddens = torch.zeros(horizon + 1, batch, rnn_hidden_dim)
imaginated_states[0] = flatten_states
imaginated_rnn_hiddens[0] = flatten_rnn_hiddens
for h in range(1, horizon + 1):
    actions = action_model(flatten_states, flatten_rnn_hiddens)
    flatten_states_prior, flatten_rnn_hiddens = rssm.prior(flatten_states, actions, flatten_rnn_hiddens)
    flatten_states = flatten_states_prior.rsample()
    imaginated_states[h] = flatten_states
    imaginated_rnn_hiddens[h] = flatten_rnn_hiddens

flatten_imaginated_states = imaginated_states.view(-1, state_dim)
flatten_imaginated_rnn_hiddens = imaginated_rnn_hiddens.view(-1, rnn_hidden_dim)
imaginated_rewards = reward_model(flatten_imaginated_states, flatten_imaginated_rnn_hiddens).view(horizon + 1, -1)
imaginated_values = value_model(flatten_imaginated_states, flatten_imaginated_rnn_hiddens).view(horizon + 1, -1)
lambda_target_values = lambda_return(imaginated_rewards, imaginated_values, gamma, lambda_)

# update value model
value_loss = 0.5 * mse_loss(imaginated_values, lambda_target_values.detach())
value_optimizer.zero_grad()
value_loss.backward(retain_graph=True)
clip_grad_norm_(value_model.parameters(), 100)
value_optimizer.step()  # expect: GG002

# update action model
action_loss = -1 * (lambda_target_values.mean())
action_optimizer.zero_grad()
action_loss.backward()  # raises: RuntimeError: modified by an inplace operation
clip_grad_norm_(action_model.parameters(), 100)
action_optimizer.step()
