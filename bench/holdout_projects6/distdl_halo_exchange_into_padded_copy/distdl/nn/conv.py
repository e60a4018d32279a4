import torch

from .halo_exchange import HaloExchange


class DistributedConv1d(torch.nn.Module):
    """Conv1d over a partitioned input: pads ghost cells, exchanges them, convolves without padding."""

    def __init__(self, in_channels, out_channels, kernel_size):
        super().__init__()
        self.halo_width = kernel_size // 2
        self.halo_exchange = HaloExchange(self.halo_width)
        self.conv_layer = torch.nn.Conv1d(in_channels, out_channels, kernel_size, padding=0)

    def forward(self, input):
        input_padded = torch.nn.functional.pad(input, (self.halo_width, self.halo_width))
        input_exchanged = self.halo_exchange(input_padded)
        return self.conv_layer(input_exchanged)
