# case: VG-HuBERT after the fix PR: `AudioEncoder.forward` adds the positional convolution out of place (`x = x + x_conv`), so the input view the convolution saved keeps its version; the `features.clone()` copy, the cls-token concatenation and the `.data` writes of `init_bert_params` stay, and the dual encoder trains
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
