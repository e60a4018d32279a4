# case: SSD-variants SSD300 training (train.py puts ./models on sys.path and imports SSD300 from models/SSD.py, whose VGG16 comes from models/vgg.py; MultiBoxLoss from loss.py): in the forward loop every Conv2d is followed by F.relu(..., inplace=True), and the conv4_3 activation is handed to L2Norm, which normalises it with `x /= norm`; the ReLU (and the pow of the norm) saved that tensor, and the same tensor also flows on into pool4, so the loss backward fails
# source: https://github.com/uoip/SSD-variants/issues/4
import argparse
import random
import sys

import numpy as np
import torch
import torch.optim as optim
from torch.utils.data import DataLoader

from pascal_voc import VOCDetection, VOC
from transforms import *

sys.path.append('./models')
from SSD import SSD300

from loss import MultiBoxLoss
from multibox import MultiBox

# Setup
parser = argparse.ArgumentParser(description='PyTorch SSD variants implementation')
parser.add_argument('--checkpoint', help='resume from checkpoint', default='')
parser.add_argument('--voc_root', help='PASCAL VOC dataset root path', default='')
parser.add_argument('--batch_size', type=int, help='input data batch size', default=2)
parser.add_argument('--lr', '--learning_rate', type=float, help='initial learning rate', default=1e-3)
parser.add_argument('--start_iter', type=int, help='start iteration', default=0)
parser.add_argument('--backbone', help='pretrained backbone net weights file', default='vgg16_reducedfc.pth')
parser.add_argument('--seed', type=int, help='random seed', default=233)
parser.add_argument('--threads', type=int, help='number of data loader workers.', default=0)

opt = parser.parse_args()
print('argparser:', opt)

# random seed
random.seed(opt.seed)
np.random.seed(opt.seed)
torch.manual_seed(opt.seed)

# model
model = SSD300(VOC.N_CLASSES)
cfg = model.config

if opt.checkpoint:
    model.load_state_dict(torch.load(opt.checkpoint))
else:
    model.init_parameters(opt.backbone)

encoder = MultiBox(cfg)
criterion = MultiBoxLoss()

# optimizer
optimizer = optim.SGD(model.parameters(), lr=opt.lr, momentum=0.9, weight_decay=5e-4)

# learning rate / iterations
init_lr = cfg.get('init_lr', 1e-3)
stepvalues = cfg.get('stepvalues', (80000, 100000))
max_iter = cfg.get('max_iter', 3)


def adjust_learning_rate(optimizer, stage):
    lr = init_lr * (0.1 ** stage)
    for param_group in optimizer.param_groups:
        param_group['lr'] = lr


def learning_rate_schedule(iteration):
    if iteration in stepvalues:
        adjust_learning_rate(optimizer, stepvalues.index(iteration) + 1)


def train():
    model.train()

    # augmentation / transforms (the photometric and geometric augmentations are left out)
    transform = Compose([
            SubtractMean(mean=VOC.MEAN),
            RGB2BGR(),
            ToTensor(),
            ])
    target_transform = encoder.encode

    dataset = VOCDetection(
            root=opt.voc_root,
            image_set=[('2007', 'trainval'), ('2012', 'trainval'),],
            keep_difficult=True,
            transform=transform,
            target_transform=target_transform)
    dataloader = DataLoader(dataset=dataset, batch_size=opt.batch_size, shuffle=True,
            num_workers=opt.threads)

    iteration = opt.start_iter
    while True:
        for input, loc, label in dataloader:
            learning_rate_schedule(iteration)

            xloc, xconf = model(input)
            loc_loss, conf_loss = criterion(xloc, xconf, loc, label)
            loss = loc_loss + conf_loss

            optimizer.zero_grad()
            loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
            optimizer.step()

            print('iter {}: loc_loss {:.4f} conf_loss {:.4f}'.format(iteration, loc_loss.item(), conf_loss.item()))

            iteration += 1
            if iteration > max_iter:
                return 0


if __name__ == '__main__':
    train()
