# case: the twin of args_pick_inplace_block without `--scale-in-place` on the command line it parses: the store_true option keeps its default False, the gated block scales its gate out of place, and training runs (the in-place branch keeps a warning: another caller may construct the block with scale_in_place=True)
import argparse

import torch

import models

parser = argparse.ArgumentParser(description="tiny gated training")
parser.add_argument("-a", "--arch", default="plain_block", choices=sorted(models.__all__))
parser.add_argument("--width", default="8", type=int)
parser.add_argument("--scale-in-place", action="store_true")
parser.add_argument("--lr", type=float, default=0.1)


def main():
    args = parser.parse_args(["--arch", "gated_block"])
    torch.manual_seed(0)
    model = models.__dict__[args.arch](width=args.width, scale_in_place=args.scale_in_place)
    opt = torch.optim.SGD(model.parameters(), lr=args.lr)
    for _ in range(2):
        loss = model(torch.randn(4, args.width)).pow(2).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
    print(round(loss.item(), 4))


if __name__ == "__main__":
    main()
