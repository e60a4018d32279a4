# source: https://github.com/locuslab/fast_adversarial/issues/26
# case: the change the issue asks about: `delta.grad.zero_()` after the masked `.data` updates, so each PGD step uses only its own gradient; the in-place writes still come after the backward that used delta
import torch
import torch.nn as nn

torch.manual_seed(0)


class Args:
    epsilon = 0.3
    alpha = 0.1
    attack_iters = 3


args = Args()
model = nn.Sequential(nn.Flatten(), nn.Linear(16, 16), nn.ReLU(), nn.Linear(16, 4))
opt = torch.optim.SGD(model.parameters(), lr=0.1)
criterion = nn.CrossEntropyLoss()

for X, y in [(torch.rand(6, 1, 4, 4), torch.randint(0, 4, (6,))) for _ in range(2)]:
    delta = torch.zeros_like(X).uniform_(-args.epsilon, args.epsilon)
    delta.data = torch.max(torch.min(1 - X, delta.data), 0 - X)
    for _ in range(args.attack_iters):
        delta.requires_grad = True
        output = model(X + delta)
        loss = criterion(output, y)
        opt.zero_grad()
        loss.backward()
        grad = delta.grad.detach()
        I = output.max(1)[1] == y
        delta.data[I] = torch.clamp(delta + args.alpha * torch.sign(grad), -args.epsilon, args.epsilon)[I]
        delta.data[I] = torch.max(torch.min(1 - X, delta.data), 0 - X)[I]
        delta.grad.zero_()
    delta = delta.detach()
    output = model(torch.clamp(X + delta, 0, 1))
    loss = criterion(output, y)
    opt.zero_grad()
    loss.backward()
    opt.step()
