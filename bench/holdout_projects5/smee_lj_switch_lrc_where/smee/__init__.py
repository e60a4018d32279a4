"""Differentiable evaluation of force-field energies (tiny re-layout of the smee package)."""

from smee._models import CUTOFF_ATTRIBUTE, SWITCH_ATTRIBUTE, EnergyFn, PotentialType, TensorPotential, TensorSystem
from smee.potentials import compute_energy, potential_energy_fn

import smee.potentials.nonbonded  # noqa: E402,F401  registers the energy functions

__all__ = [
    "CUTOFF_ATTRIBUTE",
    "SWITCH_ATTRIBUTE",
    "EnergyFn",
    "PotentialType",
    "TensorPotential",
    "TensorSystem",
    "compute_energy",
    "potential_energy_fn",
]
