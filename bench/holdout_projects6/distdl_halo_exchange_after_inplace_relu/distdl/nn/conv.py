import torch

from .halo_exchange import HaloExchange


class DistributedConv1d(torch.nn.Module):
    """Conv1d over a partitioned input whose last dimension already carries `kernel_size // 2` ghost cells per side."""

    def __init__(self, in_channels, out_channels, kernel_size):
        super().__init__()
        self.halo_width = kernel_size // 2
        self.halo_exchange = HaloExchange(self.halo_width)
        self.conv_layer = torch.nn.Conv1d(in_channels, out_channels, kernel_size, padding=0)

    def forward(self, input):
        input_exchanged = self.halo_exchange(input)
        output = self.conv_layer(input_exchanged)
        # re-attach empty ghost cells so the next distributed layer can exchange into them
        return torch.nn.functional.pad(output, (self.halo_width, self.halo_width))
