import os

import torch
from torch.autograd import Variable


def to_var(x, volatile=False):
    return Variable(x)


def mkdir(directory):
    if not os.path.exists(directory):
        os.makedirs(directory)
