# source: https://github.com/PKU-ML/Diffusion-PID-Protection/issues/1
# case: PID-style protection loop: the loss on the VAE posterior is backpropagated to the perturbation leaf `delta`, then `delta += delta.grad.sgn()` (scaled) and the clip to the epsilon ball run inside `torch.no_grad()`
import torch
import torch.nn as nn

torch.manual_seed(0)


class TinyVAEEncoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3, stride=2, padding=1)

    def forward(self, x):
        mean, logvar = self.conv(x).chunk(2, dim=1)
        return mean, logvar


def protect(vae, images, eps=8 / 255, step_size=1 / 255, max_steps=3):
    delta = torch.zeros_like(images, requires_grad=True)
    for _ in range(max_steps):
        mean, logvar = vae(images + delta)
        loss = mean.pow(2).mean() + logvar.exp().mean()
        loss.backward()
        with torch.no_grad():
            delta += step_size * delta.grad.sgn()
            delta.clamp_(-eps, eps)
        delta.grad = None
    return (images + delta).detach()


vae = TinyVAEEncoder().requires_grad_(False)
protected = protect(vae, torch.rand(2, 3, 8, 8))
print(protected.shape)
