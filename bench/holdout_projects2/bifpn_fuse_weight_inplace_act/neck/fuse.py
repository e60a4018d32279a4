import torch
import torch.nn as nn

from common.activations import get_activation


class Fusefeature(nn.Module):
    # replace concat with fusefeature (BiFPN fast normalized fusion)
    def __init__(self, e=1e-4):
        super(Fusefeature, self).__init__()
        self.e = e
        self.weight = nn.Parameter(torch.ones(2, dtype=torch.float32), requires_grad=True)
        self.weight_relu = get_activation("relu")
        self.swish = get_activation("swish")

    def forward(self, x):
        weight = self.weight_relu(self.weight)  # expect: GG001  # raises: RuntimeError: a leaf Variable that requires grad is being used in an in-place operation
        weight = weight / (torch.sum(weight, dim=0) + self.e)
        return self.swish(weight[0] * x[0] + weight[1] * x[1])
