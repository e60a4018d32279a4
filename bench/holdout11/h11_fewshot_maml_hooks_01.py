# case: few-shot's MAML meta_gradient_step, first order: fast weights are updated out of place with autograd.grad, the query-set gradients of each task are averaged, and the meta update plants them through register_hook on every parameter during a dummy forward/backward before optimiser.step()
# source: https://github.com/oscarknagg/few-shot/issues/9
from collections import OrderedDict

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)


def conv_block(in_channels, out_channels):
    return nn.Sequential(nn.Conv2d(in_channels, out_channels, 3, padding=1), nn.BatchNorm2d(out_channels), nn.ReLU(), nn.MaxPool2d(2))


def functional_conv_block(x, weights, biases, bn_weights, bn_biases):
    x = F.conv2d(x, weights, biases, padding=1)
    x = F.batch_norm(x, running_mean=None, running_var=None, weight=bn_weights, bias=bn_biases, training=True)
    return F.max_pool2d(F.relu(x), kernel_size=2, stride=2)


class FewShotClassifier(nn.Module):
    def __init__(self, num_input_channels, k_way, final_layer_size=8):
        super().__init__()
        self.conv1 = conv_block(num_input_channels, 4)
        self.conv2 = conv_block(4, 4)
        self.logits = nn.Linear(final_layer_size * 2, k_way)

    def forward(self, x):
        x = self.conv2(self.conv1(x))
        return self.logits(x.view(x.size(0), -1))

    def functional_forward(self, x, weights):
        for block in [1, 2]:
            x = functional_conv_block(
                x, weights[f"conv{block}.0.weight"], weights[f"conv{block}.0.bias"],
                weights.get(f"conv{block}.1.weight"), weights.get(f"conv{block}.1.bias"),
            )
        return F.linear(x.view(x.size(0), -1), weights["logits.weight"], weights["logits.bias"])


def create_nshot_task_label(k, q):
    return torch.arange(0, k, 1 / q).long()


def replace_grad(parameter_gradients, parameter_name):
    def replace_grad_(module):
        return parameter_gradients[parameter_name]

    return replace_grad_


def meta_gradient_step(model, optimiser, loss_fn, x, n_shot, k_way, q_queries, inner_train_steps, inner_lr):
    task_gradients, task_losses = [], []
    for meta_batch in x:
        x_task_train, x_task_val = meta_batch[: n_shot * k_way], meta_batch[n_shot * k_way :]
        fast_weights = OrderedDict(model.named_parameters())
        for inner_batch in range(inner_train_steps):
            loss = loss_fn(model.functional_forward(x_task_train, fast_weights), create_nshot_task_label(k_way, n_shot))
            gradients = torch.autograd.grad(loss, fast_weights.values(), create_graph=False)
            fast_weights = OrderedDict((name, param - inner_lr * grad) for ((name, param), grad) in zip(fast_weights.items(), gradients))
        loss = loss_fn(model.functional_forward(x_task_val, fast_weights), create_nshot_task_label(k_way, q_queries))
        task_losses.append(loss.detach())
        gradients = torch.autograd.grad(loss, fast_weights.values())
        task_gradients.append({name: g for ((name, _), g) in zip(fast_weights.items(), gradients)})

    sum_task_gradients = {k: torch.stack([grad[k] for grad in task_gradients]).mean(dim=0) for k in task_gradients[0]}
    hooks = [param.register_hook(replace_grad(sum_task_gradients, name)) for name, param in model.named_parameters()]
    model.train()
    optimiser.zero_grad()
    logits = model(torch.zeros((k_way,) + x.shape[2:]))
    loss = loss_fn(logits, create_nshot_task_label(k_way, 1))
    loss.backward()
    optimiser.step()
    for h in hooks:
        h.remove()
    return torch.stack(task_losses).mean()


k_way, n_shot, q_queries = 3, 1, 2
model = FewShotClassifier(1, k_way)
optimiser = torch.optim.Adam(model.parameters(), lr=1e-3)
for episode in range(2):
    x = torch.randn(2, n_shot * k_way + q_queries * k_way, 1, 8, 8)
    meta_loss = meta_gradient_step(model, optimiser, nn.CrossEntropyLoss(), x, n_shot, k_way, q_queries, inner_train_steps=2, inner_lr=0.4)
print("meta loss", meta_loss.item())
