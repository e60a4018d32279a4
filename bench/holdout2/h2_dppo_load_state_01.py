# case: DPPO worker: losses use both model and model_old, then `model_old.load_state_dict(model.state_dict())` ("before step, update old_model") copies into model_old's parameters in place before total_loss.backward()
# source: https://github.com/alexis-jacq/Pytorch-DPPO/issues/9
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


class Model(nn.Module):
    def __init__(self, num_inputs, num_outputs):
        super(Model, self).__init__()
        h_size_1 = 16
        h_size_2 = 16
        self.p_fc1 = nn.Linear(num_inputs, h_size_1)
        self.p_fc2 = nn.Linear(h_size_1, h_size_2)
        self.v_fc1 = nn.Linear(num_inputs, h_size_1)
        self.v_fc2 = nn.Linear(h_size_1, h_size_2)
        self.mu = nn.Linear(h_size_2, num_outputs)
        self.log_std = nn.Parameter(torch.zeros(num_outputs))
        self.v = nn.Linear(h_size_2, 1)
        self.train()

    def forward(self, inputs):
        # actor
        x = torch.tanh(self.p_fc1(inputs))
        x = torch.tanh(self.p_fc2(x))
        mu = self.mu(x)
        log_std = torch.exp(self.log_std).unsqueeze(0).expand_as(mu)
        # critic
        x = torch.tanh(self.v_fc1(inputs))
        x = torch.tanh(self.v_fc2(x))
        v = self.v(x)
        return mu, log_std, v


def normal(x, mu, std):
    a = (-1 * (x - mu).pow(2) / (2 * std)).exp()
    b = 1 / (2 * std * np.pi).sqrt()
    return a * b


class Params:
    clip = 0.2
    ent_coeff = 0.0
    num_epoch = 1
    batch_size = 8


params = Params()
torch.manual_seed(0)
num_inputs, num_outputs = 4, 2
model = Model(num_inputs, num_outputs)
model_old = Model(num_inputs, num_outputs)
model_old.load_state_dict(model.state_dict())

batch_states = torch.randn(params.batch_size, num_inputs)
batch_actions = torch.randn(params.batch_size, num_outputs)
batch_returns = torch.randn(params.batch_size, 1)
batch_advantages = torch.randn(params.batch_size, 1)

for k in range(params.num_epoch):
    model.zero_grad()
    # old probas
    mu_old, sigma_sq_old, v_pred_old = model_old(batch_states.detach())  # saver
    probs_old = normal(batch_actions, mu_old, sigma_sq_old)
    # new probas
    mu, sigma_sq, v_pred = model(batch_states)
    probs = normal(batch_actions, mu, sigma_sq)
    # ratio
    ratio = probs / (1e-10 + probs_old)
    # clip loss
    surr1 = ratio * torch.cat([batch_advantages] * num_outputs, 1)
    surr2 = ratio.clamp(1 - params.clip, 1 + params.clip) * torch.cat([batch_advantages] * num_outputs, 1)
    loss_clip = -torch.mean(torch.min(surr1, surr2))
    # value loss
    vfloss1 = (v_pred - batch_returns) ** 2
    v_pred_clipped = v_pred_old + (v_pred - v_pred_old).clamp(-params.clip, params.clip)
    vfloss2 = (v_pred_clipped - batch_returns) ** 2
    loss_value = 0.5 * torch.mean(torch.max(vfloss1, vfloss2))
    # entropy
    loss_ent = -params.ent_coeff * torch.mean(probs * torch.log(probs + 1e-5))
    # total
    total_loss = (loss_clip + loss_value + loss_ent)
    # before step, update old_model:
    model_old.load_state_dict(model.state_dict())  # expect: GG002
    # prepare for step
    total_loss.backward(retain_graph=True)  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
