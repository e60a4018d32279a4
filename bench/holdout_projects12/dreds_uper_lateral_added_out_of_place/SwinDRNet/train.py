# case: SwinDRNet depth restoration (SwinDRNet/train.py -> trainer.py -> networks/SwinDRNet.py -> networks/UPerNet.py) with the FPN top-down addition written out of place, `laterals[i - 1] = laterals[i - 1] + resize(...)`: the ReLU outputs of the lateral ConvModules stay as saved, and the epoch trains and validates
# source: https://github.com/PKU-EPIC/DREDS/issues/6
import argparse
import os
import random

import numpy as np
import torch
import torch.backends.cudnn as cudnn

from config import get_config
from networks.SwinDRNet import SwinDRNet
from trainer import SwinDRNetTrainer

parser = argparse.ArgumentParser()
parser.add_argument('--mask_transparent', action='store_true', default=True, help='material mask')
parser.add_argument('--mask_specular', action='store_true', default=True, help='material mask')
parser.add_argument('--mask_diffuse', action='store_true', default=True, help='material mask')

parser.add_argument('--train_data_path', type=str,
                    default='/data/DREDS/DREDS-CatKnown/train', help='root dir for training dataset')
parser.add_argument('--val_data_path', type=str,
                    default='/data/DREDS/DREDS-CatKnown/val', help='root dir for validation dataset')
parser.add_argument('--val_data_type', type=str,
                    default='sim', help='type of val dataset (real/sim)')
parser.add_argument('--output_dir', type=str,
                    default='results', help='output dir')
parser.add_argument('--checkpoint_save_path', type=str,
                    default='models', help='Choose a path to save checkpoints')
parser.add_argument('--val_interation_interval', type=int,
                    default=5000, help='The iteration interval to perform validation')

parser.add_argument('--num_classes', type=int,
                    default=9, help='output channel of network')
parser.add_argument('--max_epochs', type=int, default=1,
                    help='maximum epoch number to train')
parser.add_argument('--batch_size', type=int, default=2,
                    help='batch_size per gpu')
parser.add_argument('--n_gpu', type=int, default=1, help='total gpu')
parser.add_argument('--deterministic', type=int, default=1,
                    help='whether use deterministic training')
parser.add_argument('--base_lr', type=float, default=0.0001,
                    help='segmentation network learning rate')
parser.add_argument('--img_size', type=int,
                    default=64, help='input patch size of network input')
parser.add_argument('--seed', type=int,
                    default=1234, help='random seed')

parser.add_argument('--cfg', type=str, default=os.path.join(os.path.dirname(os.path.abspath(__file__)),
                    "configs/swin_tiny_patch4_window7_224_lite.yaml"), metavar="FILE", help='path to config file', )
parser.add_argument('--use-checkpoint', action='store_true',
                    help="whether to use gradient checkpointing to save memory")

args = parser.parse_args()
config = get_config(args)

device_list = [0]

if __name__ == "__main__":
    if not args.deterministic:
        cudnn.benchmark = True
        cudnn.deterministic = False
    else:
        cudnn.benchmark = False
        cudnn.deterministic = True

    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)

    net = SwinDRNet(config, img_size=args.img_size, num_classes=args.num_classes)
    continue_ckpt_path = None

    if continue_ckpt_path is None:
        pretrained_path = config.MODEL.PRETRAIN_CKPT
        net.init_weights(pretrained_path)

    trainer = SwinDRNetTrainer
    _trainer = trainer(args, net, device_list, continue_ckpt_path)
    _trainer.train()
