# source: https://github.com/vislearn/FrEIA/pull/171
# case: FrEIA GINCouplingBlock before the PR, with the usual Linear-ended subnets: `s2 = self.clamp * self.f_clamp(s2)` builds a fresh product and `s2 -= s2.mean(1, keepdim=True)` centres it in place; the product is not saved by anything (atan saved its own input), so the volume-preserving flow trains
import torch
import torch.nn as nn

torch.manual_seed(0)


def subnet_fc(c_in, c_out):
    return nn.Sequential(nn.Linear(c_in, 16), nn.ReLU(), nn.Linear(16, c_out))


class GINCouplingBlock(nn.Module):
    def __init__(self, channels, subnet_constructor, clamp=2.0):
        super().__init__()
        self.split_len1 = channels - channels // 2
        self.split_len2 = channels // 2
        self.clamp = clamp
        self.f_clamp = lambda u: 0.636 * torch.atan(u)
        self.subnet1 = subnet_constructor(self.split_len1, self.split_len2 * 2)
        self.subnet2 = subnet_constructor(self.split_len2, self.split_len1 * 2)

    def _coupling1(self, x1, u2):
        a2 = self.subnet2(u2)
        s2, t2 = a2[:, : self.split_len1], a2[:, self.split_len1 :]
        s2 = self.clamp * self.f_clamp(s2)
        s2 -= s2.mean(1, keepdim=True)
        return torch.exp(s2) * x1 + t2

    def _coupling2(self, x2, u1):
        a1 = self.subnet1(u1)
        s1, t1 = a1[:, : self.split_len2], a1[:, self.split_len2 :]
        s1 = self.clamp * self.f_clamp(s1)
        s1 -= s1.mean(1, keepdim=True)
        return torch.exp(s1) * x2 + t1

    def forward(self, x):
        x1, x2 = torch.split(x, [self.split_len1, self.split_len2], dim=1)
        y2 = self._coupling2(x2, x1)
        y1 = self._coupling1(x1, y2)
        return torch.cat((y1, y2), 1)


inn = nn.Sequential(GINCouplingBlock(4, subnet_fc), GINCouplingBlock(4, subnet_fc))
optimizer = torch.optim.Adam(inn.parameters(), lr=1e-3)
for _ in range(2):
    z = inn(torch.randn(8, 4))
    loss = 0.5 * z.pow(2).sum(1).mean()  # volume preserving: log|det J| = 0
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
