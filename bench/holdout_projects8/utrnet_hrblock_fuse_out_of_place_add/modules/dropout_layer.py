import numpy as np
import torch
import torch.nn as nn


class dropout_layer(nn.Module):
    """Temporal dropout: drops whole time steps of the visual feature sequence."""

    def __init__(self, device):
        super(dropout_layer, self).__init__()
        self.device = device

    def forward(self, input):
        nums = (np.random.rand(input.shape[1]) > 0.2).astype(int)
        dummy_array_output = torch.from_numpy(nums).to(self.device)
        dummy_array_output_t = torch.reshape(dummy_array_output, (input.shape[1], 1)).to(self.device)  # Transpose
        dummy_array_output_f = dummy_array_output_t.repeat(input.shape[0], 1, input.shape[2]).to(self.device)
        return input * dummy_array_output_f  # element-wise multiplication
