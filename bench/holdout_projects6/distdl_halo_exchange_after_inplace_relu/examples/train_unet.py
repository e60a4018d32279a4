# case: distdl 0.4-style U-Net: each DoubleConv applies nn.ReLU(inplace=True) and hands the result to the next DistributedConv1d, whose HaloExchangeFunction fills the ghost cells of its input in place and marks it dirty; the in-place ReLU saved that very tensor, so backpropagating the U-Net loss fails (the issue reports the error with in-place ReLUs and traces it to `ctx.mark_dirty(input)` in the halo exchange)
# source: https://github.com/distdl/distdl/issues/199
# pythonpath: .
import torch

from unet_model import UNet

torch.manual_seed(0)

model = UNet()
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
x = torch.nn.functional.pad(torch.randn(2, 1, 12), (1, 1))
y = torch.nn.functional.pad(torch.randn(2, 1, 12), (1, 1))
for step in range(2):
    optimizer.zero_grad()
    loss = torch.nn.functional.mse_loss(model(x), y)
    loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
    optimizer.step()
