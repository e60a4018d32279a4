# -*- coding: utf-8 -*-
# pylint: skip-file
import random

import torch
from torch import nn


def init_seeds():
    random.seed(123)
    torch.manual_seed(123)


def init_linear_weight(linear):
    init_xavier_weight(linear.weight)
    if linear.bias is not None:
        init_bias(linear.bias)


def init_normal_weight(w):
    nn.init.normal_(w, mean=0, std=0.01)


def init_uniform_weight(w):
    nn.init.uniform_(w, -0.1, 0.1)


def init_ortho_weight(w):
    nn.init.orthogonal_(w)


def init_xavier_weight(w):
    nn.init.xavier_normal_(w)


def init_bias(b):
    nn.init.constant_(b, 0.0)


def print_sent_dec(y_pred, y, y_mask, oovs, modules, consts, options, batch_size):
    print("golden truth and prediction samples:")
    max_y_words = int(y_mask.sum(0).max())
    for idx_doc in range(min(batch_size, 2)):
        sent_true = [modules["i2w"][int(y[i, idx_doc])] for i in range(max_y_words)]
        sent_pred = [modules["i2w"][int(y_pred[i, idx_doc].argmax())] for i in range(max_y_words)]
        print("ground_truth:", " ".join(sent_true))
        print("predict:", " ".join(sent_pred))
