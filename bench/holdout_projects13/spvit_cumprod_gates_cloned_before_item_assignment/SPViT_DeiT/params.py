import argparse
import json
import os
import sys

parser = argparse.ArgumentParser("DeiT training and evaluation script", add_help=False)
parser.add_argument("--batch-size", default=64, type=int)
parser.add_argument("--epochs", default=300, type=int)

# Model parameters
parser.add_argument("--model", default="deit_base_patch16_224", type=str, metavar="MODEL", help="Name of model to train")
parser.add_argument("--input-size", default=224, type=int, help="images input size")
parser.add_argument("--drop", type=float, default=0.0, metavar="PCT", help="Dropout rate (default: 0.)")
parser.add_argument("--drop-path", type=float, default=0.1, metavar="PCT", help="Drop path rate (default: 0.1)")

# Optimizer parameters
parser.add_argument("--opt", default="adamw", type=str, metavar="OPTIMIZER", help='Optimizer (default: "adamw"')
parser.add_argument("--weight-decay", type=float, default=0.05, help="weight decay (default: 0.05)")
parser.add_argument("--lr", type=float, default=5e-4, metavar="LR", help="learning rate (default: 5e-4)")
parser.add_argument("--arc_lr", type=float, default=1e-3, help="learning rate of the architecture parameters")
parser.add_argument("--clip-grad", type=float, default=None, metavar="NORM", help="Clip gradient norm")
parser.add_argument("--smoothing", type=float, default=0.1, help="Label smoothing (default: 0.1)")

# Searching parameters
parser.add_argument("--att_layer", default="UnifiedAttention", type=str)
parser.add_argument("--ffn_layer", default="UnifiedMlp", type=str)
parser.add_argument("--loss_lambda", default=1.0, type=float)
parser.add_argument("--target_flops", default=1.0, type=float)
parser.add_argument("--theta", default=0.0, type=float)
parser.add_argument("--assigned_indicators", default=[], type=list)
parser.add_argument("--searching_model", default="", type=str)

# Dataset parameters
parser.add_argument("--data-path", default="/datasets01/imagenet_full_size/061417/", type=str, help="dataset path")
parser.add_argument("--data-set", default="IMNET", choices=["CIFAR", "IMNET", "INAT", "INAT19"], type=str)
parser.add_argument("--output_dir", default="", help="path where to save, empty for no saving")
parser.add_argument("--device", default="cpu", help="device to use for training / testing")
parser.add_argument("--seed", default=0, type=int)
parser.add_argument("--num_workers", default=10, type=int)
parser.add_argument("--exp_name", default="deit", type=str, help="model configuration")
parser.add_argument(
    "--config",
    default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "config", "spvit_deit_ti_l200_t10_search.json"),
    type=str,
    help="model configuration",
)
parser.add_argument("--patch_size", default=16, type=int)

args = parser.parse_args()
if args.config is not None:
    config_args = json.load(open(args.config))
    override_keys = {arg[2:].split("=")[0] for arg in sys.argv[1:] if arg.startswith("--")}
    for k, v in config_args.items():
        if k not in override_keys:
            setattr(args, k, v)
del args.config
