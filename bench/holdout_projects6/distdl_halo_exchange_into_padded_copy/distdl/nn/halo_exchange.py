import torch

from ..functional import HaloExchangeFunction


class HaloExchange(torch.nn.Module):
    def __init__(self, halo_width):
        super().__init__()
        self.halo_width = halo_width

    def forward(self, input):
        n = input.shape[-1]
        h = self.halo_width
        halo_index = torch.cat([torch.arange(h), torch.arange(n - h, n)])
        recv_buffer = torch.zeros(*input.shape[:-1], 2 * h, dtype=input.dtype)
        return HaloExchangeFunction.apply(input, halo_index, recv_buffer)
