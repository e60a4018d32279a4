import torch

import smee
import smee.utils


def lorentz_berthelot(eps_a, eps_b, sig_a, sig_b):
    return torch.sqrt(eps_a * eps_b), 0.5 * (sig_a + sig_b)


def _compute_switch_fn(r, rs, rc):
    x = ((r - rs) / (rc - rs)).clamp(0.0, 1.0)
    return 1.0 - 6.0 * x**5 + 15.0 * x**4 - 10.0 * x**3


def _integrate_lj_switch(r, rs, rc, sig):
    """Integral of the LJ potential times one minus the switching function (see smee's docstring)."""
    b = 1.0 / (rc - rs)
    coeff_0 = smee.utils.tensor_like([rs**3, rs**2, rs, 1, b, b**2], rs) * (
        smee.utils.tensor_like([rs**2 * b**2, rs * b, 1], rs)
        * smee.utils.tensor_like([[6, 15, 10], [1, 2, 1], [2, 3, 1], [6, 6, 1], [0, 2, 1], [0, 0, 1]], rs)
    ).sum(dim=-1)
    coeff_01 = sig[:, None] ** 6 * smee.utils.tensor_like([-28, 945, -1080, 420, -756, 378], rs) * coeff_0
    coeff_11 = smee.utils.tensor_like([84, -3780, 7560, 2520, -3780, 756], rs) * coeff_0

    r_pow = torch.pow(r, smee.utils.tensor_like([-9, -8, -7, -6, -5, -4, -3, -2, -1, 0, 1, 2], rs))  # saver
    r_pow[-3] = torch.log(r)  # expect: GG002

    integral = -(b**3) * sig**6 * (coeff_01 * r_pow[:6] + coeff_11 * r_pow[6:]).sum(dim=-1) / 252
    return integral


def _compute_lj_lrc(system, potential, rs, rc, volume):
    """Long-range dispersion correction, with the switching function."""
    eps_col = potential.parameter_cols.index("epsilon")
    sig_col = potential.parameter_cols.index("sigma")
    n_types = len(potential.parameters)
    idxs_i, idxs_j = torch.triu_indices(n_types, n_types)
    counts = torch.bincount(system.atom_types, minlength=n_types).to(rc.dtype)
    n_ij_interactions = counts[idxs_i] * counts[idxs_j]
    eps_ii, sig_ii = potential.parameters[:, eps_col], potential.parameters[:, sig_col]
    eps_ij, sig_ij = lorentz_berthelot(eps_ii[idxs_i], eps_ii[idxs_j], sig_ii[idxs_i], sig_ii[idxs_j])

    integral = sig_ij**12 / (9 * rc**9) - sig_ij**6 / (3 * rc**3)
    if rs is not None:
        integral_rc = _integrate_lj_switch(rc, rs, rc, sig_ij)
        integral_rs = _integrate_lj_switch(rs, rs, rc, sig_ij)
        integral = integral + (integral_rc - integral_rs)
    integral = (n_ij_interactions * 4.0 * eps_ij * integral).sum(dim=-1) / n_ij_interactions.sum()
    return 2.0 * system.n_particles**2 * torch.pi / volume * integral


@smee.potentials.potential_energy_fn(smee.PotentialType.VDW, smee.EnergyFn.VDW_LJ)
def compute_lj_energy(system, potential, conformer, box_vectors=None):
    cutoff = potential.attributes[potential.attribute_cols.index(smee.CUTOFF_ATTRIBUTE)]
    switch_width = potential.attributes[potential.attribute_cols.index(smee.SWITCH_ATTRIBUTE)]
    rs = cutoff - switch_width

    idxs = torch.combinations(torch.arange(system.n_particles))
    r = (conformer[idxs[:, 0]] - conformer[idxs[:, 1]]).norm(dim=-1)
    params = potential.parameters[system.atom_types]
    eps_col = potential.parameter_cols.index("epsilon")
    sig_col = potential.parameter_cols.index("sigma")
    eps, sig = lorentz_berthelot(
        params[idxs[:, 0], eps_col], params[idxs[:, 1], eps_col], params[idxs[:, 0], sig_col], params[idxs[:, 1], sig_col]
    )
    x = (sig / r) ** 6
    energies = 4.0 * eps * (x * x - x) * _compute_switch_fn(r, rs, cutoff) * (r < cutoff)
    energy = energies.sum(-1)
    if system.is_periodic:
        energy = energy + _compute_lj_lrc(system, potential, rs.double(), cutoff.double(), torch.det(box_vectors))
    return energy
