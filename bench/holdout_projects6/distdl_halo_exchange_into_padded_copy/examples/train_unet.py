# case: the distdl 0.3-style padding structure: DistributedConv1d first pads its input out of place (`F.pad(input, (h, h))`) and the halo exchange fills and marks dirty the ghost cells of that fresh copy; the output the in-place ReLU saved is never written, so the same U-Net with nn.ReLU(inplace=True) trains
# source: https://github.com/distdl/distdl/issues/199
# pythonpath: .
import torch

from unet_model import UNet

torch.manual_seed(0)

model = UNet()
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
x = torch.randn(2, 1, 12)
y = torch.randn(2, 1, 12)
for step in range(2):
    optimizer.zero_grad()
    loss = torch.nn.functional.mse_loss(model(x), y)
    loss.backward()
    optimizer.step()
