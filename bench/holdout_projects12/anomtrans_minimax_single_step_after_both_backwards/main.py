# case: Anomaly Transformer (main.py -> `Solver.train` in solver.py -> model/AnomalyTransformer.py) with the repository's fix (6dee0a1): the first self.optimizer.step() is removed, so loss1 and loss2 are both backpropagated through the unchanged weights and one step follows
# source: https://github.com/thuml/Anomaly-Transformer/issues/1
import argparse
import os

import torch
from torch.backends import cudnn

from solver import Solver
from utils.utils import *


def str2bool(v):
    return v.lower() in ('true')


def main(config):
    cudnn.benchmark = True
    solver = Solver(vars(config))

    if config.mode == 'train':
        solver.train()

    return solver


if __name__ == '__main__':
    torch.manual_seed(0)
    parser = argparse.ArgumentParser()

    parser.add_argument('--lr', type=float, default=1e-4)
    parser.add_argument('--num_epochs', type=int, default=1)
    parser.add_argument('--k', type=int, default=3)
    parser.add_argument('--win_size', type=int, default=10)
    parser.add_argument('--input_c', type=int, default=6)
    parser.add_argument('--output_c', type=int, default=6)
    parser.add_argument('--batch_size', type=int, default=2)
    parser.add_argument('--pretrained_model', type=str, default=None)
    parser.add_argument('--dataset', type=str, default='SMD')
    parser.add_argument('--mode', type=str, default='train', choices=['train', 'test'])
    parser.add_argument('--data_path', type=str, default='./dataset/SMD')
    parser.add_argument('--model_save_path', type=str, default='checkpoints')
    parser.add_argument('--anormly_ratio', type=float, default=0.5)

    config = parser.parse_args()

    args = vars(config)
    print('------------ Options -------------')
    for k, v in sorted(args.items()):
        print('%s: %s' % (str(k), str(v)))
    print('-------------- End ----------------')
    main(config)
