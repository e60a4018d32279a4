import torch


def saliency_map(model, inputs, target):
    """Gradient of the target score w.r.t. the input."""
    x = inputs.clone().requires_grad_(True)
    scores = model(x)
    scores.gather(1, target.unsqueeze(1)).sum().backward()
    return x.grad.abs().amax(dim=1)
