# case: the same Learning-Loss loop with SAM used as the docstring shows: the first backward uses the combined loss, and after first_step() the second pass is a fresh forward on the perturbed weights, `criterion(models['backbone'](inputs)[0], labels).mean().backward()`; runs cleanly
# source: https://github.com/kozistr/pytorch_optimizer/issues/64
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.optim import lr_scheduler
from torch.optim.optimizer import Optimizer


class SAM(Optimizer):
    def __init__(self, params, base_optimizer, rho=0.05, adaptive=False, **kwargs):
        self.rho = rho
        defaults = dict(rho=rho, adaptive=adaptive, **kwargs)
        super().__init__(params, defaults)
        self.base_optimizer = base_optimizer(self.param_groups, **kwargs)
        self.param_groups = self.base_optimizer.param_groups

    @torch.no_grad()
    def first_step(self, zero_grad=False):
        grad_norm = self.grad_norm()
        for group in self.param_groups:
            scale = group["rho"] / (grad_norm + 1e-12)
            for p in group["params"]:
                if p.grad is None:
                    continue
                self.state[p]["old_p"] = p.clone()
                e_w = (torch.pow(p, 2) if group["adaptive"] else 1.0) * p.grad * scale.to(p)
                # climb to the local maximum "w + e(w)"
                p.add_(e_w)
        if zero_grad:
            self.zero_grad()

    @torch.no_grad()
    def second_step(self, zero_grad=False):
        for group in self.param_groups:
            for p in group["params"]:
                if p.grad is None:
                    continue
                # get back to "w" from "w + e(w)"
                p = self.state[p]["old_p"]
        self.base_optimizer.step()
        if zero_grad:
            self.zero_grad()

    def grad_norm(self):
        shared_device = self.param_groups[0]["params"][0].device
        return torch.norm(torch.stack([
            ((torch.abs(p) if group["adaptive"] else 1.0) * p.grad).norm(p=2).to(shared_device)
            for group in self.param_groups for p in group["params"] if p.grad is not None
        ]), p=2)


class ResNet18(nn.Module):
    def __init__(self, num_classes=4):
        super().__init__()
        self.layer1 = nn.Sequential(nn.Conv2d(3, 8, 3, padding=1), nn.BatchNorm2d(8), nn.ReLU())
        self.layer2 = nn.Sequential(nn.Conv2d(8, 8, 3, stride=2, padding=1), nn.BatchNorm2d(8), nn.ReLU())
        self.linear = nn.Linear(8, num_classes)

    def forward(self, x):
        out1 = self.layer1(x)
        out2 = self.layer2(out1)
        out = F.adaptive_avg_pool2d(out2, 1).flatten(1)
        return self.linear(out), [out1, out2]


class LossNet(nn.Module):
    def __init__(self, num_channels=(8, 8), interm_dim=4):
        super().__init__()
        self.FCs = nn.ModuleList(nn.Linear(c, interm_dim) for c in num_channels)
        self.linear = nn.Linear(len(num_channels) * interm_dim, 1)

    def forward(self, features):
        outs = [F.relu(fc(F.adaptive_avg_pool2d(f, 1).flatten(1))) for fc, f in zip(self.FCs, features)]
        return self.linear(torch.cat(outs, 1))


def LossPredLoss(input, target, margin=1.0):
    input = (input - input.flip(0))[:len(input) // 2]
    target = (target - target.flip(0))[:len(target) // 2]
    target = target.detach()
    one = 2 * torch.sign(torch.clamp(target, min=0)) - 1
    return torch.sum(torch.clamp(margin - one * input, min=0)) / input.size(0)


def train_epoch(models, method, criterion, optimizers, dataloader, epoch, epoch_loss, weight=1.0):
    models["backbone"].train()
    models["module"].train()
    for inputs, labels in dataloader:
        scores, features = models["backbone"](inputs)
        target_loss = criterion(scores, labels)
        if epoch > epoch_loss:
            features[0] = features[0].detach()
            features[1] = features[1].detach()
        pred_loss = models["module"](features).view(-1)
        m_backbone_loss = torch.sum(target_loss) / target_loss.size(0)
        m_module_loss = LossPredLoss(pred_loss, target_loss)
        loss = m_backbone_loss + weight * m_module_loss

        # -----------------SAM Optimizer -------------------
        loss.backward()
        optimizers["backbone"].first_step(zero_grad=True)

        criterion(models["backbone"](inputs)[0], labels).mean().backward()
        optimizers["backbone"].second_step(zero_grad=True)

        if method == "lloss":
            optimizers["module"].step()
            optimizers["module"].zero_grad()


torch.manual_seed(0)
resnet18 = ResNet18()
loss_module = LossNet()
models = {"backbone": resnet18, "module": loss_module}
criterion = nn.CrossEntropyLoss(reduction="none")
base_optimizer = torch.optim.SGD
optim_backbone = SAM(models["backbone"].parameters(), base_optimizer, lr=0.1, momentum=0.9, weight_decay=5e-4)
optim_module = torch.optim.SGD(models["module"].parameters(), lr=0.1, momentum=0.9, weight_decay=5e-4)
sched_backbone = lr_scheduler.MultiStepLR(optim_backbone.base_optimizer, milestones=[160])
optimizers = {"backbone": optim_backbone, "module": optim_module}
dataloader = [(torch.randn(4, 3, 8, 8), torch.tensor([0, 1, 2, 3]))]
for epoch in range(2):
    train_epoch(models, "lloss", criterion, optimizers, dataloader, epoch, epoch_loss=120)
    sched_backbone.step()
