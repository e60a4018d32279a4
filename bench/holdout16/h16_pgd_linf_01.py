# case: look-alike from BayesianDefense's adversarial training (attacker/pgd.py, Linf_PGD): the attack optimises a cloned input x_adv that requires grad with a sign-SGD optimizer, clamps the perturbation in place (diff.clamp_(-eps, eps)) and projects back by writing through a detached alias, x_adv.detach().copy_(...); diff is a fresh difference that nothing saved and the write through detach() bypasses autograd, so the adversarial training loop runs
# source: https://github.com/xuanqing94/BayesianDefense/issues/8
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.optim import Optimizer

torch.manual_seed(0)

EPS = 8 / 255
STEPS = 3
EPOCHS = 2


class Linf_SGD(Optimizer):
    # steepest ascent under the L-infinity norm: step along the sign of the gradient
    def __init__(self, params, lr=0.007):
        super().__init__(params, dict(lr=lr))

    @torch.no_grad()
    def step(self, closure=None):
        for group in self.param_groups:
            for p in group["params"]:
                if p.grad is None:
                    continue
                p.add_(torch.sign(p.grad), alpha=-group["lr"])
        return None


class VGGSmall(nn.Module):
    # returns (logits, kl) like the Bayesian VGG of the repository; kl is zero here
    def __init__(self, nclass=10):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(3, 8, 3, padding=1), nn.BatchNorm2d(8), nn.ReLU(inplace=True), nn.MaxPool2d(2),
            nn.Conv2d(8, 16, 3, padding=1), nn.BatchNorm2d(16), nn.ReLU(inplace=True), nn.MaxPool2d(2),
        )
        self.classifier = nn.Linear(16 * 4 * 4, nclass)

    def forward(self, x):
        out = self.features(x).flatten(1)
        return self.classifier(out), torch.zeros(())


def Linf_PGD(x_in, y_true, net, steps, eps):
    if eps == 0:
        return x_in
    training = net.training
    if training:
        net.eval()
    x_adv = x_in.clone().requires_grad_()
    optimizer = Linf_SGD([x_adv], lr=0.007)
    for _ in range(steps):
        optimizer.zero_grad()
        net.zero_grad()
        out, _ = net(x_adv)
        loss = -F.cross_entropy(out, y_true)
        loss.backward()
        optimizer.step()
        diff = x_adv - x_in
        diff.clamp_(-eps, eps)
        x_adv.detach().copy_((diff + x_in).clamp_(0, 1))
    net.zero_grad()
    if training:
        net.train()
    return x_adv


def train(epoch, net, optimizer, loader):
    net.train()
    for x, y in loader:
        x_adv = Linf_PGD(x, y, net, STEPS, EPS)
        optimizer.zero_grad()
        out, kl = net(x_adv.detach())
        loss = F.cross_entropy(out, y) + kl
        loss.backward()
        optimizer.step()
    print(f"epoch {epoch}: loss {loss.item():.4f}")


net = VGGSmall()
optimizer = torch.optim.Adam(net.parameters(), lr=1e-3)
loader = [(torch.rand(4, 3, 16, 16), torch.randint(0, 10, (4,))) for _ in range(2)]
for epoch in range(EPOCHS):
    train(epoch, net, optimizer, loader)
