# case: the auxiliary predictor of s11j with the flag declared `--inplace-act` (store_true, so False by default): the copied namespace builds an ordinary ReLU after the Tanh and the predictor trains (the class analysed without a caller cannot know the flag, so its `inplace=` element gets a warning)
import argparse

import torch
import torch.nn as nn

torch.manual_seed(0)
parser = argparse.ArgumentParser()
parser.add_argument("--hidden", type=int, default=16)
parser.add_argument("--inplace-act", action="store_true")
args = parser.parse_args([])


class GatePredictor(nn.Module):
    def __init__(self, args, d_in=6):
        super().__init__()
        self.net = nn.Sequential(
            nn.Linear(d_in, args.hidden),
            nn.Tanh(),
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
loss.backward()
opt.step()
print(round(loss.item(), 4))
