# source: https://github.com/QUVA-Lab/e2cnn/issues/34
# case: e2cnn's generalized_he_init ends with `tensor[:] = vars * torch.randn_like(tensor)`; the user passes the R2Conv Parameter `conv.weights` itself (not `.data`) with grad mode on
import math
from collections import defaultdict

import torch
from torch.nn import Parameter


class BasisExpansion:
    """Stand-in for e2cnn's BlocksBasisExpansion: only the attributes the initializer reads."""

    def __init__(self, info):
        self._info = info

    def dimension(self):
        return len(self._info)

    def get_basis_info(self):
        return iter(self._info)


def generalized_he_init(tensor: torch.Tensor, basisexpansion: BasisExpansion):
    assert tensor.shape == (basisexpansion.dimension(), )

    vars = torch.ones_like(tensor)

    inputs_count = defaultdict(lambda: set())
    basis_count = defaultdict(int)

    for attr in basisexpansion.get_basis_info():
        i, o = attr["in_irreps_position"], attr["out_irreps_position"]
        in_irrep, out_irrep = attr["in_irrep"], attr["out_irrep"]
        inputs_count[o].add(in_irrep)
        basis_count[(in_irrep, o)] += 1

    for o in inputs_count.keys():
        inputs_count[o] = len(inputs_count[o])

    for w, attr in enumerate(basisexpansion.get_basis_info()):
        i, o = attr["in_irreps_position"], attr["out_irreps_position"]
        in_irrep, out_irrep = attr["in_irrep"], attr["out_irrep"]
        vars[w] = 1. / math.sqrt(inputs_count[o] * basis_count[(in_irrep, o)])

    tensor[:] = vars * torch.randn_like(tensor)  # expect: GG001  # raises: RuntimeError: a leaf Variable that requires grad is being used in an in-place operation


class R2Conv(torch.nn.Module):
    def __init__(self, n_basis):
        super().__init__()
        info = [
            {"in_irreps_position": k % 2, "out_irreps_position": k % 3, "in_irrep": "irrep_0", "out_irrep": "irrep_%d" % (k % 2)}
            for k in range(n_basis)
        ]
        self.basisexpansion = BasisExpansion(info)
        self.weights = Parameter(torch.zeros(self.basisexpansion.dimension()), requires_grad=True)


# generate_synthetic_data.py --problem 2d_rot8: the layers are re-initialized by the caller
conv = R2Conv(6)
generalized_he_init(conv.weights, conv.basisexpansion)
print(conv.weights)
