# source: https://github.com/PKU-ML/Diffusion-PID-Protection/issues/1
# case: look-alike of the quoted update without the `torch.no_grad()` block: `delta += step_size * delta.grad.sgn()` modifies the leaf perturbation that requires grad, with grad mode on (the clamp_ after it would fail the same way)
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
        delta += step_size * delta.grad.sgn()  # expect: GG001  # raises: RuntimeError: a leaf Variable that requires grad is being used in an in-place operation
        delta.clamp_(-eps, eps)  # expect: GG001
        delta.grad = None
    return (images + delta).detach()


vae = TinyVAEEncoder().requires_grad_(False)
protected = protect(vae, torch.rand(2, 3, 8, 8))
print(protected.shape)
