# case: second-order MAML with fast weights kept in an OrderedDict and a functional forward; the outer optimizer steps inside the task loop after each task's backward(retain_graph=True), rewriting the parameters the earlier tasks' graphs (F.linear and the create_graph inner gradients) kept, so the meta backward after the loop fails
from collections import OrderedDict

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
model = nn.Sequential(OrderedDict(fc1=nn.Linear(3, 8), fc2=nn.Linear(8, 1)))
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
inner_lr = 0.1


def functional_forward(x, fast):
    h = F.relu(F.linear(x, fast["fc1.weight"], fast["fc1.bias"]))
    return F.linear(h, fast["fc2.weight"], fast["fc2.bias"])  # saver


tasks = [(torch.randn(5, 3), torch.randn(5, 1), torch.randn(5, 3), torch.randn(5, 1)) for _ in range(2)]
meta_loss = 0.0
opt.zero_grad()
for xs, ys, xq, yq in tasks:
    fast = OrderedDict(model.named_parameters())
    support_loss = F.mse_loss(functional_forward(xs, fast), ys)
    grads = torch.autograd.grad(support_loss, fast.values(), create_graph=True)
    fast = OrderedDict((n, p - inner_lr * g) for ((n, p), g) in zip(fast.items(), grads))
    loss = F.mse_loss(functional_forward(xq, fast), yq)
    loss.backward(retain_graph=True)
    opt.step()  # expect: GG002
    meta_loss = meta_loss + loss
meta_loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
print(round(meta_loss.item(), 4))
