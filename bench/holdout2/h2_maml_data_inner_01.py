# case: MAML inner update written through .data: `param.data -= self.inner_lr * grad` on the adapted copy; the support-loss graph (create_graph=True) is bypassed, the query loss never reaches the meta-parameters, and meta training silently does nothing
# source: https://github.com/KanishJebaMathewM/Truxify/issues/13118
import copy

import torch
import torch.nn as nn


class MetaLearner:
    def __init__(self, model, inner_lr=0.01, outer_lr=0.001):
        self.model = model
        self.inner_lr = inner_lr
        self.criterion = nn.MSELoss()
        self.meta_optimizer = torch.optim.Adam(self.model.parameters(), lr=outer_lr)

    def inner_update(self, model, support_x, support_y, steps=1):
        adapted_model = copy.deepcopy(model)
        for _ in range(steps):
            loss = self.criterion(adapted_model(support_x), support_y)
            grads = torch.autograd.grad(loss, adapted_model.parameters(), create_graph=True)
            for param, grad in zip(adapted_model.parameters(), grads):
                param.data -= self.inner_lr * grad  # expect: GG008
        return adapted_model

    def outer_update(self, meta_loss):
        self.meta_optimizer.zero_grad()
        meta_loss.backward()
        self.meta_optimizer.step()

    def meta_train_step(self, tasks):
        meta_loss = 0.0
        for support_x, support_y, query_x, query_y in tasks:
            adapted_model = self.inner_update(self.model, support_x, support_y)
            pred = adapted_model(query_x)
            task_loss = self.criterion(pred, query_y)
            meta_loss += task_loss
        meta_loss = meta_loss / len(tasks)
        self.outer_update(meta_loss)
        return meta_loss.item()


torch.manual_seed(0)
learner = MetaLearner(nn.Sequential(nn.Linear(1, 16), nn.ReLU(), nn.Linear(16, 1)))
tasks = []
for _ in range(2):
    a = torch.rand(1) * 2
    xs, xq = torch.rand(5, 1), torch.rand(5, 1)
    tasks.append((xs, a * xs, xq, a * xq))
learner.meta_train_step(tasks)
print([p.grad for p in learner.model.parameters()])  # all None: the meta-model never trains
