# case: the Canny edge loss takes the thresholded output: thin_edges and thresholded are clones of grad_mag with masked writes, and the backward through them reaches the torch.sqrt output that net_canny accumulated into with grad_mag += mag
# source: https://github.com/DCurro/CannyEdgePytorch/issues/5
import torch
import torch.nn.functional as F

from canny import synthetic_image, to_batch
from denoiser import Denoiser
from edge_loss import EdgeLoss

torch.manual_seed(0)

clean = to_batch(synthetic_image(24, seed=0))
noisy = clean + 0.1 * torch.randn_like(clean)

model = Denoiser()
edge_loss = EdgeLoss(key="thresholded", threshold=3.0)
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)

for step in range(3):
    optimizer.zero_grad()
    pred = model(noisy)
    loss = F.mse_loss(pred, clean) + 0.1 * edge_loss(pred, clean)
    loss.backward()  # raises: RuntimeError: modified by an inplace operation
    optimizer.step()
    print(f"step {step} loss {loss.item():.4f}")
