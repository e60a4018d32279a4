# case: VG-HuBERT training on (random) SpokenCOCO: `steps.Trainer.train` -> `DualEncoder.forward_audio` -> `AudioEncoder.forward`, which adds the positional convolution to its input in place (`x += x_conv`) after `self.pos_conv(x.transpose(1, 2))` saved a view of that same `x` for the convolution's weight gradient, so the trainer's `weighted_loss.backward()` fails
# source: https://github.com/jasonppy/word-discovery/pull/4
import argparse

import torch

from models import DualEncoder
from steps import Trainer

parser = argparse.ArgumentParser(formatter_class=argparse.ArgumentDefaultsHelpFormatter)
parser.add_argument("--seed", type=int, default=1)
Trainer.add_args(parser)
DualEncoder.add_args(parser)
args = parser.parse_args(["--cls_loss", "--feat_loss", "--use_audio_cls_token"])

torch.manual_seed(args.seed)
my_trainer = Trainer(args)
my_trainer.train()
