"""Training options, parsed once at import (the repository reads `config.args` everywhere)."""

import argparse

parser = argparse.ArgumentParser(description="hmr model")

parser.add_argument("--fine-tune", default=True, type=bool, help="fine tune or not.")
parser.add_argument("--encoder-network", type=str, default="resnet50", help="the encoder network name")
parser.add_argument("--iter-count", type=int, default=3, help="iter count, eatch contains batch-size samples")
parser.add_argument("--batch-2d-size", type=int, default=2, help="2d data batch size")
parser.add_argument("--batch-3d-size", type=int, default=2, help="3d data batch size")
parser.add_argument("--adv-batch-size", type=int, default=4, help="default adv batch size")
parser.add_argument("--e-lr", type=float, default=0.00001, help="encoder learning rate.")
parser.add_argument("--d-lr", type=float, default=0.0001, help="encoder learning rate.")
parser.add_argument("--e-wd", type=float, default=0.0001, help="encoder weight decay rate.")
parser.add_argument("--d-wd", type=float, default=0.0001, help="encoder weight decay rate.")
parser.add_argument("--e-loss-weight", type=float, default=60, help="weight on encoder 2d kp losses.")
parser.add_argument("--d-loss-weight", type=float, default=1, help="weight on discriminator losses")
parser.add_argument("--d-disc-ratio", type=float, default=1.0, help="multiple weight of discriminator loss")
parser.add_argument("--e-3d-loss-weight", type=float, default=60, help="weight on encoder thetas losses.")
parser.add_argument("--e-shape-ratio", type=float, default=5, help="multiple weight of shape loss")
parser.add_argument("--e-3d-kp-ratio", type=float, default=10.0, help="multiple weight of 3d key point.")
parser.add_argument("--e-pose-ratio", type=float, default=20, help="multiple weight of pose")
parser.add_argument("--crop-size", type=int, default=16, help="net input image size")
parser.add_argument("--feature-count", type=int, default=16, help="the count of the encoder feature")
parser.add_argument("--joint-count", type=int, default=4, help="the count of joints")
parser.add_argument("--beta-count", type=int, default=4, help="the count of beta")
parser.add_argument("--total-theta-count", type=int, default=19, help="cam (3) + pose (3 * joints) + shape")
parser.add_argument("--iterations", type=int, default=3, help="iterative regressor steps")
parser.add_argument("--save-folder", type=str, default="", help="empty: no checkpoints are written")

args = parser.parse_args([])
