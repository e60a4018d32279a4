# case: head from blocks.mlp_head starts with nn.LeakyReLU(0.2, True); models/net.py feeds it an nn.Sigmoid() output
import torch

from models.net import Net


def main() -> None:
    torch.manual_seed(0)
    net = Net(6)
    opt = torch.optim.SGD(net.parameters(), lr=0.1)
    loss = net(torch.randn(5, 6)).pow(2).mean()
    loss.backward()  # raises: RuntimeError: modified by an inplace operation
    opt.step()


main()
