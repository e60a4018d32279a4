# case: the block comes from the command line (`models.__dict__[args.arch](...)`) and so does its in-place flag (`--scale-in-place`, given in the list parse_args reads); the gated block then halves its sigmoid gate in place, the gate SigmoidBackward saved, and the loss backward fails
import argparse

import torch

import models

parser = argparse.ArgumentParser(description="tiny gated training")
parser.add_argument("-a", "--arch", default="plain_block", choices=sorted(models.__all__))
parser.add_argument("--width", default="8", type=int)
parser.add_argument("--scale-in-place", action="store_true")
parser.add_argument("--lr", type=float, default=0.1)


def main():
    args = parser.parse_args(["--arch", "gated_block", "--scale-in-place"])
    torch.manual_seed(0)
    model = models.__dict__[args.arch](width=args.width, scale_in_place=args.scale_in_place)
    opt = torch.optim.SGD(model.parameters(), lr=args.lr)
    for _ in range(2):
        loss = model(torch.randn(4, args.width)).pow(2).mean()
        opt.zero_grad()
        loss.backward()  # raises: RuntimeError: modified by an inplace operation
        opt.step()
    print(round(loss.item(), 4))


if __name__ == "__main__":
    main()
