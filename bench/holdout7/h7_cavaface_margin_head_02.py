# source: https://github.com/cavalleria/cavaface/issues/64
# case: cavaface CurricularFace head in fp32 on CPU: hard negatives are rewritten through a boolean mask (`cos_theta[mask] = hard_example * (self.t + hard_example)`) and the margin logit is scattered in (`cos_theta.scatter_`), both into the clamp output, which no backward node saved; the running buffer t is updated under no_grad, and training runs
import math

import torch
import torch.nn as nn
from torch.nn import Parameter

torch.manual_seed(0)


def l2_norm(input, axis=1):
    norm = torch.norm(input, 2, axis, True)
    return torch.div(input, norm)


class CurricularFace(nn.Module):
    def __init__(self, in_features, out_features, m=0.5, s=64.0):
        super().__init__()
        self.s, self.m = s, m
        self.register_buffer("t", torch.zeros(1))
        self.kernel = Parameter(torch.FloatTensor(in_features, out_features))
        nn.init.normal_(self.kernel, std=0.01)
        self.cos_m = math.cos(m)
        self.sin_m = math.sin(m)
        self.th = math.cos(math.pi - m)
        self.mm = math.sin(math.pi - m) * m

    def forward(self, embbedings, label):
        embbedings = l2_norm(embbedings, axis=1)
        kernel_norm = l2_norm(self.kernel, axis=0)
        cos_theta = torch.mm(embbedings, kernel_norm)
        cos_theta = cos_theta.clamp(-1, 1)  # for numerical stability
        with torch.no_grad():
            origin_cos = cos_theta.clone()
        target_logit = cos_theta[torch.arange(0, embbedings.size(0)), label].view(-1, 1)
        sin_theta = torch.sqrt(1.0 - torch.pow(target_logit, 2))
        cos_theta_m = target_logit * self.cos_m - sin_theta * self.sin_m
        mask = cos_theta > cos_theta_m
        final_target_logit = torch.where(target_logit > self.th, cos_theta_m, target_logit - self.mm)
        hard_example = cos_theta[mask]
        with torch.no_grad():
            self.t = target_logit.mean() * 0.01 + (1 - 0.01) * self.t
        cos_theta[mask] = hard_example * (self.t + hard_example)
        cos_theta.scatter_(1, label.view(-1, 1).long(), final_target_logit)
        output = cos_theta * self.s
        return output, origin_cos * self.s


backbone = nn.Sequential(nn.Linear(16, 8), nn.BatchNorm1d(8))
head = CurricularFace(8, 5)
optimizer = torch.optim.SGD(list(backbone.parameters()) + list(head.parameters()), lr=0.1, momentum=0.9)
for _ in range(2):
    inputs, labels = torch.randn(6, 16), torch.randint(0, 5, (6,))
    outputs, _ = head(backbone(inputs), labels)
    lossx = nn.functional.cross_entropy(outputs, labels)
    optimizer.zero_grad()
    lossx.backward()
    optimizer.step()
