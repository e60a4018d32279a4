# case: torchvision.ops.MLP as of 0.14 (inplace defaults to True): each hidden block is Linear -> ReLU(inplace=True) -> Dropout(p, inplace=True), so with dropout > 0 the in-place dropout rewrites the ReLU output that ReluBackward saved
# source: https://github.com/pytorch/vision/issues/7174
from typing import Callable, List, Optional

import torch


class MLP(torch.nn.Sequential):
    def __init__(
        self,
        in_channels: int,
        hidden_channels: List[int],
        norm_layer: Optional[Callable[..., torch.nn.Module]] = None,
        activation_layer: Optional[Callable[..., torch.nn.Module]] = torch.nn.ReLU,
        inplace: Optional[bool] = True,
        bias: bool = True,
        dropout: float = 0.0,
    ):
        params = {} if inplace is None else {"inplace": inplace}
        layers = []
        in_dim = in_channels
        for hidden_dim in hidden_channels[:-1]:
            layers.append(torch.nn.Linear(in_dim, hidden_dim, bias=bias))
            if norm_layer is not None:
                layers.append(norm_layer(hidden_dim))
            layers.append(activation_layer(**params))
            layers.append(torch.nn.Dropout(dropout, **params))  # expect: GG002
            in_dim = hidden_dim
        layers.append(torch.nn.Linear(in_dim, hidden_channels[-1], bias=bias))
        layers.append(torch.nn.Dropout(dropout, **params))
        super().__init__(*layers)


class ProjectionHead(torch.nn.Module):
    def __init__(self, dim_in, dim_out, dropout):
        super().__init__()
        self.mlp = MLP(dim_in, [2 * dim_in, dim_out], dropout=dropout)

    def forward(self, x):
        return torch.nn.functional.normalize(self.mlp(x), dim=-1)


head = ProjectionHead(3, 3, dropout=0.5)
out = head(torch.rand(4, 3))
out.sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
