# case: an auxiliary predictor is built from a copy of the run's arguments (`argparse.Namespace(**vars(args))`) whose `inplace_act` flag defaults to True; its rectified-tanh gate puts nn.ReLU(inplace=True) right after nn.Tanh, which kept its output for backward, so the predictor's loss cannot be backpropagated
import argparse

import torch
import torch.nn as nn

torch.manual_seed(0)
parser = argparse.ArgumentParser()
parser.add_argument("--hidden", type=int, default=16)
parser.add_argument("--no-inplace-act", dest="inplace_act", action="store_false")
args = parser.parse_args([])


class GatePredictor(nn.Module):
    def __init__(self, args, d_in=6):
        super().__init__()
        self.net = nn.Sequential(
            nn.Linear(d_in, args.hidden),
            nn.Tanh(),  # saver
            nn.ReLU(inplace=args.inplace_act),  # expect: GG002
            nn.Linear(args.hidden, 1),
        )

    def forward(self, x):
        return self.net(x)


sub_args = argparse.Namespace(**vars(args))
sub_args.hidden = args.hidden // 2
aux = GatePredictor(sub_args)
opt = torch.optim.SGD(aux.parameters(), lr=0.1)
x, y = torch.randn(5, 6), torch.randn(5, 1)
loss = nn.functional.mse_loss(aux(x), y)
opt.zero_grad()
loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
opt.step()
print(round(loss.item(), 4))
