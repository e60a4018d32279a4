# case: `@register` decorator registry; the tanh output is scaled out of place
import torch

from models import create


def run(steps: int = 2) -> None:
    torch.manual_seed(0)
    net = create("tanh_mlp", dim=6)
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    for _ in range(steps):
        opt.zero_grad()
        out = net(torch.randn(4, 6))
        out = out * 0.5
        out.square().sum().backward()
        opt.step()


if __name__ == "__main__":
    run()
