# case: smee LJ energy with a switching function and the long-range correction: `_integrate_lj_switch` builds `r_pow = torch.pow(r, powers)` and then overwrites the r**0 entry in place (`r_pow[-3] = torch.log(r)`); with the cutoff attribute requiring grad, Pow saved that result, so the energy's backward fails
# source: https://github.com/openforcefield/smee/pull/150
# pythonpath: .
import torch

import smee

torch.manual_seed(0)

potential = smee.TensorPotential(
    type=smee.PotentialType.VDW.value,
    fn=smee.EnergyFn.VDW_LJ.value,
    parameters=torch.tensor([[0.1, 3.2], [0.2, 2.9]], dtype=torch.float64, requires_grad=True),
    parameter_cols=("epsilon", "sigma"),
    attributes=torch.tensor([9.0, 1.0], dtype=torch.float64, requires_grad=True),
    attribute_cols=(smee.CUTOFF_ATTRIBUTE, smee.SWITCH_ATTRIBUTE),
)
system = smee.TensorSystem(atom_types=torch.tensor([0, 0, 1, 1, 1]), is_periodic=True)
coords = (torch.rand(5, 3, dtype=torch.float64) * 8.0).requires_grad_()
box_vectors = torch.eye(3, dtype=torch.float64) * 30.0

energy = smee.compute_energy(system, potential, coords, box_vectors)
energy.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
assert potential.attributes.grad is not None
