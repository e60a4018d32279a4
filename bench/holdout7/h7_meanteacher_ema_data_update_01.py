# source: https://github.com/CuriousAI/mean-teacher/issues/28
# case: Mean Teacher's update_ema_variables after the student's optimizer step: `ema_param.data.mul_(alpha).add_(1 - alpha, param.data)` (the legacy add_(scalar, tensor) form the issue questions, which computes alpha*teacher + (1-alpha)*student); the teacher's parameters are never part of a graph that is backpropagated, so the .data writes are harmless
import warnings

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
warnings.simplefilter("ignore")


def create_model(ema=False):
    model = nn.Sequential(nn.Linear(6, 8), nn.ReLU(), nn.Linear(8, 3))
    if ema:
        for param in model.parameters():
            param.detach_()
    return model


def update_ema_variables(model, ema_model, alpha, global_step):
    alpha = min(1 - 1 / (global_step + 1), alpha)
    for ema_param, param in zip(ema_model.parameters(), model.parameters()):
        ema_param.data.mul_(alpha).add_(1 - alpha, param.data)


model = create_model()
ema_model = create_model(ema=True)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
for global_step in range(3):
    x, target = torch.randn(4, 6), torch.randint(0, 3, (4,))
    model_out = model(x)
    ema_out = ema_model(x + 0.1 * torch.randn_like(x))
    class_loss = F.cross_entropy(model_out, target)
    consistency_loss = F.mse_loss(F.softmax(model_out, 1), F.softmax(ema_out, 1).detach())
    loss = class_loss + consistency_loss
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    update_ema_variables(model, ema_model, 0.99, global_step + 1)
