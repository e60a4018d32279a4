# source: https://github.com/NLESC-JCER/QMCTorch/issues/30
# case: the workaround the maintainer suggests in the issue (grad='manual'): the local energies are evaluated under `torch.no_grad()` and the parameter gradient comes from a low-variance estimator in the spirit of QMCTorch's manual gradient, 2<(E_L - E) d log psi>, which backpropagates only through the Jastrow values (derivative=0); the unpatched in-place signing of the pair products still runs, but with no graph recorded, so the optimisation proceeds
import itertools

import torch
from torch import nn

torch.manual_seed(0)


class ElectronDistance(nn.Module):
    def __init__(self, nelec, ndim=3):
        super().__init__()
        self.nelec = nelec
        self.ndim = ndim

    def forward(self, pos, derivative=0):
        nbatch = pos.shape[0]
        x = pos.view(nbatch, self.nelec, self.ndim)
        diff = x.unsqueeze(2) - x.unsqueeze(1)
        dist = (diff.pow(2).sum(-1) + torch.eye(self.nelec)).sqrt()
        if derivative == 0:
            return dist
        invr = (1.0 / dist).unsqueeze(1)
        delta = diff.permute(0, 3, 1, 2)
        if derivative == 1:
            return delta * invr
        return invr - delta.pow(2) * invr.pow(3)


class TwoBodyJastrowFactor(nn.Module):
    def __init__(self, nup, ndown, w=1.0):
        super().__init__()
        self.nelec = nup + ndown
        self.weight = nn.Parameter(torch.tensor([w]))
        self.edist = ElectronDistance(self.nelec)
        self.mask_tri_up = torch.triu(torch.ones(self.nelec, self.nelec, dtype=torch.bool), diagonal=1)
        pairs = list(itertools.combinations(range(self.nelec), 2))
        self.index_row = torch.tensor([i for i, _ in pairs])
        self.index_col = torch.tensor([j for _, j in pairs])
        spin = torch.tensor([0] * nup + [1] * ndown)
        same = (spin[:, None] == spin[None, :]).float()
        self.static_weight = (0.25 * same + 0.5 * (1 - same)).masked_select(self.mask_tri_up)
        self._get_index_partial_derivative()

    def extract_tri_up(self, mat):
        shape = mat.shape[:-2]
        return mat.masked_select(self.mask_tri_up).view(*shape, -1)

    def _single_index(self, i, j):
        n = self.nelec
        return int((n * (n - 1) / 2) - (n - i) * ((n - i) - 1) / 2 + j - i - 1)

    def _get_index_partial_derivative(self):
        index, weight, to_elec = [], [], []
        for idx in range(self.nelec):
            pairs = [(idx, j, 1.0) for j in range(idx + 1, self.nelec)] + [(j, idx, -1.0) for j in range(idx)]
            for p1 in range(len(pairs) - 1):
                i1, j1, w1 = pairs[p1]
                for p2 in range(p1 + 1, len(pairs)):
                    i2, j2, w2 = pairs[p2]
                    index.append([self._single_index(i1, j1), self._single_index(i2, j2)])
                    weight.append(w1 * w2)
                    to_elec.append(idx)
        self.index_partial_der = index
        self.weight_partial_der = torch.tensor(weight)
        self.index_partial_der_to_elec = torch.tensor(to_elec)

    def _get_jastrow_elements(self, r):
        return torch.exp(self.static_weight * r / (1.0 + self.weight * r))

    def _get_der_jastrow_elements(self, r, dr):
        r_ = r.unsqueeze(1)
        denom = 1.0 / (1.0 + self.weight * r_)
        return self.static_weight * dr * denom - self.static_weight * self.weight * r_ * dr * denom**2

    def _get_second_der_jastrow_elements(self, r, dr, d2r):
        r_ = r.unsqueeze(1)
        denom = 1.0 / (1.0 + self.weight * r_)
        dr_square = dr**2
        a = self.static_weight * d2r * denom
        b = -2 * self.static_weight * self.weight * dr_square * denom**2
        c = -self.static_weight * self.weight * r_ * d2r * denom**2
        d = 2 * self.static_weight * self.weight**2 * r_ * dr_square * denom**3
        e = self._get_der_jastrow_elements(r, dr)
        return a + b + c + d + e**2

    def _partial_derivative(self, djast, out_mat):
        x = djast[..., self.index_partial_der]
        x = x.prod(-1)
        x *= self.weight_partial_der
        x = x.sum(1)
        out_mat.index_add_(1, self.index_partial_der_to_elec, x)
        return out_mat

    def forward(self, pos, derivative=0):
        nbatch = pos.shape[0]
        r = self.extract_tri_up(self.edist(pos))
        jast = self._get_jastrow_elements(r)
        if derivative == 0:
            return jast.prod(1).view(nbatch, 1)
        dr = self.extract_tri_up(self.edist(pos, derivative=1))
        d2r = self.extract_tri_up(self.edist(pos, derivative=2))
        prod_val = jast.prod(1).unsqueeze(-1)
        d2jast = self._get_second_der_jastrow_elements(r, dr, d2r).sum(1)
        hess_jast = torch.zeros(nbatch, self.nelec)
        hess_jast.index_add_(1, self.index_row, d2jast)
        hess_jast.index_add_(1, self.index_col, d2jast)
        hess_jast *= 0.5
        djast = self._get_der_jastrow_elements(r, dr)
        hess_jast += self._partial_derivative(djast, out_mat=hess_jast)
        return hess_jast * prod_val


def local_energy(jastrow, pos):
    nbatch = pos.shape[0]
    kinetic = -0.5 * jastrow(pos, derivative=2).sum(-1, keepdim=True) / jastrow(pos)
    x = pos.view(nbatch, jastrow.nelec, 3)
    trap = 0.5 * x.pow(2).sum((1, 2)).unsqueeze(-1)
    r = jastrow.extract_tri_up(jastrow.edist(pos))
    return kinetic + trap + (1.0 / r).sum(-1, keepdim=True)


jastrow = TwoBodyJastrowFactor(nup=2, ndown=1, w=0.5)
optimizer = torch.optim.Adam(jastrow.parameters(), lr=5e-3)
walkers = torch.randn(16, 9)

for epoch in range(2):
    with torch.no_grad():
        eloc = local_energy(jastrow, walkers)
    log_psi = torch.log(jastrow(walkers))
    loss = 2 * ((eloc - eloc.mean()) * log_psi).mean()
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    print(epoch, round(eloc.mean().item(), 4), round(jastrow.weight.item(), 4))
