import dataclasses
import enum

import torch

CUTOFF_ATTRIBUTE = "cutoff"
SWITCH_ATTRIBUTE = "switch_width"


class PotentialType(str, enum.Enum):
    VDW = "vdW"


class EnergyFn(str, enum.Enum):
    VDW_LJ = "4*epsilon*((sigma/r)**12-(sigma/r)**6)"


@dataclasses.dataclass
class TensorPotential:
    type: str
    fn: str
    parameters: torch.Tensor
    parameter_cols: tuple
    attributes: torch.Tensor
    attribute_cols: tuple


@dataclasses.dataclass
class TensorSystem:
    atom_types: torch.Tensor  # index into the potential's parameter rows, one per particle
    is_periodic: bool = True

    @property
    def n_particles(self) -> int:
        return len(self.atom_types)
