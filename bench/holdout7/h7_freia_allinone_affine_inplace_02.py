# source: https://github.com/vislearn/FrEIA/pull/164
# case: the PR's AllInOneBlock: `a = a * 0.1`, `sub_jac = sub_jac - mean(...)` and `log_jac_det = log_jac_det + ...` are out of place, so the Tanh-ended subnet's saved output keeps its version and the NLL backpropagates
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)


def subnet_constructor(c_in, c_out):
    return nn.Sequential(nn.Linear(c_in, 16), nn.ReLU(), nn.Linear(16, c_out), nn.Tanh())


class AllInOneBlock(nn.Module):
    def __init__(self, channels, subnet_constructor, affine_clamping=2.0, gin_block=False):
        super().__init__()
        self.splits = [channels - channels // 2, channels // 2]
        self.clamp = affine_clamping
        self.GIN = gin_block
        self.sum_dims = (1,)
        w = torch.linalg.qr(torch.randn(channels, channels))[0]
        self.w_perm = nn.Parameter(w, requires_grad=False)
        self.global_scale = nn.Parameter(torch.ones(1, channels) * 0.5)
        self.global_offset = nn.Parameter(torch.zeros(1, channels))
        self.softplus = nn.Softplus(beta=0.5)
        self.subnet = subnet_constructor(self.splits[0], 2 * self.splits[1])

    def _permute(self, x, rev=False):
        scale = 0.1 * self.softplus(self.global_scale)
        perm_log_jac = torch.sum(torch.log(scale))
        return F.linear(x * scale + self.global_offset, self.w_perm), perm_log_jac

    def _affine(self, x, a, rev=False):
        # the coupling coefficients are scaled down by a factor of ten for stability
        a = a * 0.1
        ch = x.shape[1]
        sub_jac = self.clamp * torch.tanh(a[:, :ch])
        if self.GIN:
            sub_jac = sub_jac - torch.mean(sub_jac, dim=self.sum_dims, keepdim=True)
        return x * torch.exp(sub_jac) + a[:, ch:], torch.sum(sub_jac, dim=self.sum_dims)

    def forward(self, x, rev=False):
        x1, x2 = torch.split(x[0], self.splits, dim=1)
        a1 = self.subnet(x1)
        x2, j2 = self._affine(x2, a1)
        log_jac_det = j2
        x_out = torch.cat((x1, x2), 1)
        x_out, global_scaling_jac = self._permute(x_out, rev=False)
        n_pixels = x_out[0, :1].numel()
        log_jac_det = log_jac_det + (-1) ** rev * n_pixels * global_scaling_jac
        return (x_out,), log_jac_det


blocks = nn.ModuleList([AllInOneBlock(4, subnet_constructor, gin_block=(k == 1)) for k in range(2)])
optimizer = torch.optim.Adam(blocks.parameters(), lr=1e-3)
x = torch.randn(8, 4)
z, log_jac = (x,), torch.zeros(8)
for block in blocks:
    z, j = block(z)
    log_jac = log_jac + j
nll = (0.5 * z[0].pow(2).sum(1) - log_jac).mean()
nll.backward()
optimizer.step()
