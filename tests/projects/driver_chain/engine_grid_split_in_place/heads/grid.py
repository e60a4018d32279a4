import torch


def sample_grid(boxes, size=3, offset=0.0):
    cx, cy, w, h = torch.split(boxes, 1, dim=-1)
    cx = cx.unsqueeze_(-1).expand(-1, size, size)  # expect: GG003  # raises: RuntimeError: is a view and is being modified inplace
    cy = cy.unsqueeze_(-1).expand(-1, size, size)  # expect: GG003
    steps = torch.linspace(-0.5, 0.5, size).view(1, -1, 1)
    return cx + steps * w.unsqueeze(-1) + offset, cy + steps.transpose(1, 2) * h.unsqueeze(-1)
