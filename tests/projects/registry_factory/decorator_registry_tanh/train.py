# case: `@register("tanh_mlp")` decorator registry behind `models.create`; the tanh output is scaled with *=
import torch

from models import create


def run(steps: int = 2) -> None:
    torch.manual_seed(0)
    net = create("tanh_mlp", dim=6)
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    for _ in range(steps):
        opt.zero_grad()
        out = net(torch.randn(4, 6))
        out *= 0.5  # expect: GG002
        out.square().sum().backward()  # raises: RuntimeError: modified by an inplace operation
        opt.step()


if __name__ == "__main__":
    run()
