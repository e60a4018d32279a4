import smee

_POTENTIAL_ENERGY_FNS = {}


def potential_energy_fn(type_, fn):
    """Register a function that computes the energy of a potential of a given type and form."""

    def _wrapper(func):
        _POTENTIAL_ENERGY_FNS[(str(type_.value), str(fn.value))] = func
        return func

    return _wrapper


def compute_energy(system: "smee.TensorSystem", potential: "smee.TensorPotential", conformer, box_vectors=None):
    energy_fn = _POTENTIAL_ENERGY_FNS[(potential.type, potential.fn)]
    return energy_fn(system, potential, conformer, box_vectors)
