# case: look-alike from BayesianDefense's L2_PGD (attacker/pgd.py) written with in-place normalisation: after each Adam step on x_adv the perturbation diff is measured with sum(diff * diff), which saves diff, and then rescaled in place (diff.div_(norm).mul_(norm_out)); no backward ever runs through that norm graph (the projection is copied into x_adv.detach()), so the saved-tensor overwrite is never checked and adversarial training runs
# source: https://github.com/xuanqing94/BayesianDefense/issues/8
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)

EPS = 0.5
STEPS = 3
EPOCHS = 2


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


def L2_PGD(x_in, y_true, net, steps, eps):
    if eps == 0:
        return x_in
    training = net.training
    if training:
        net.eval()
    x_adv = x_in.clone().requires_grad_()
    optimizer = torch.optim.Adam([x_adv], lr=0.01)
    eps = torch.tensor(eps).view(1, 1, 1, 1)
    for _ in range(steps):
        optimizer.zero_grad()
        net.zero_grad()
        out, _ = net(x_adv)
        loss = -F.cross_entropy(out, y_true)
        loss.backward()
        optimizer.step()
        diff = x_adv - x_in
        norm = torch.sqrt(torch.sum(diff * diff, (1, 2, 3)))
        norm = norm.view(norm.size(0), 1, 1, 1)
        norm_out = torch.min(norm, eps)
        diff.div_(norm).mul_(norm_out)
        x_adv.detach().copy_((diff + x_in).clamp_(0, 1))
    net.zero_grad()
    if training:
        net.train()
    return x_adv


def train(epoch, net, optimizer, loader):
    net.train()
    for x, y in loader:
        x_adv = L2_PGD(x, y, net, STEPS, EPS)
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
