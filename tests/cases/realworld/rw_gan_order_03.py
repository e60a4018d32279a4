# case: domain-adaptation training: opt_D.step() runs before F_loss.backward(), and F_loss's graph goes through D
# source: https://github.com/EasonApolo/mstn/issues/6
import torch
import torch.nn as nn
import torch.nn.functional as F

feat = nn.Sequential(nn.Linear(10, 8), nn.ReLU())
cls = nn.Linear(8, 3)
disc = nn.Sequential(nn.Linear(8, 8), nn.ReLU(), nn.Linear(8, 1))
opt = torch.optim.SGD(list(feat.parameters()) + list(cls.parameters()), lr=0.01)
opt_D = torch.optim.SGD(disc.parameters(), lr=0.01)
lamb = 1.0

xs, ys = torch.randn(4, 10), torch.randint(0, 3, (4,))
xt = torch.randn(4, 10)

s_feat, t_feat = feat(xs), feat(xt)
C_loss = F.cross_entropy(cls(s_feat), ys)
s_pred, t_pred = disc(s_feat), disc(t_feat)  # saver
D_loss = F.binary_cross_entropy_with_logits(s_pred, torch.ones_like(s_pred)) + \
    F.binary_cross_entropy_with_logits(t_pred, torch.zeros_like(t_pred))
G_loss = -D_loss
F_loss = C_loss + lamb * G_loss

opt_D.zero_grad()
D_loss.backward(retain_graph=True)
opt_D.step()  # expect: GG002
opt.zero_grad()
F_loss.backward(retain_graph=True)  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
opt.step()
