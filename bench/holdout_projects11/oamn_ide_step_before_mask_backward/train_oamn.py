# case: OAMN occluded person re-id training (train_oamn.py -> `models.create('resnet50')` in reid/models/__init__.py, a factory over `from .oamn import *`, returning the MaskNet/TaskNet pair; `Trainer.train` in reid/trainers.py): the identity loss is backpropagated with `retain_graph=True` and `optimizer_Ide.step()` updates the TaskNet (ResNet backbone, feat_bn, classifier in reid/models/oamn.py) before `loss_mask = loss + ...` is backpropagated through the same TaskNet forward, so the mask backward fails on the classifier weight (the "[2048, 702] ... TBackward ... version 3; expected version 2")
# source: https://github.com/PeixianChen/OAMN/issues/1
from __future__ import absolute_import, print_function

import argparse
import random

import numpy as np
import torch
from torch import nn
from torch.backends import cudnn
from torch.utils.data import DataLoader, Dataset, Sampler

from reid import models
from reid.loss import TripletLoss
from reid.trainers import Trainer

cudnn.benchmark = False
cudnn.deterministic = True
torch.manual_seed(13)
random.seed(13)
np.random.seed(13)


class Preprocessor_occluded(Dataset):
    """stand-in for the occluded-reid preprocessor: each person image comes with four copies whose
    left/right/bottom/top half is erased, stacked as (5, C, H, W), and the size of the kept region"""

    def __init__(self, dataset, height=64, width=32, train=True):
        self.dataset = dataset
        self.height, self.width = height, width
        self.train = train

    def __len__(self):
        return len(self.dataset)

    def __getitem__(self, index):
        fname, pid, camid = self.dataset[index]
        gen = torch.Generator().manual_seed(index)
        img = torch.randn(3, self.height, self.width, generator=gen) * 0.5 + pid * 0.1
        h, w = self.height, self.width
        occluded = [img]
        for region in [(slice(None), slice(0, w // 2)), (slice(None), slice(w // 2, None)),
                       (slice(h // 2, None), slice(None)), (slice(0, h // 2), slice(None))]:
            o = img.clone()
            o[:, region[0], region[1]] = 0
            occluded.append(o)
        masksize = (h * w) // 2 if index % 2 == 0 else (h * w) // 3
        return torch.stack(occluded), fname, pid, camid, index, masksize


class IdentitySampler(Sampler):
    def __init__(self, data_source, num_instances=2):
        self.data_source = data_source
        self.num_instances = num_instances
        self.index_dic = {}
        for index, (_, pid, _) in enumerate(data_source):
            self.index_dic.setdefault(pid, []).append(index)
        self.pids = list(self.index_dic.keys())

    def __len__(self):
        return len(self.pids) * self.num_instances

    def __iter__(self):
        ret = []
        for pid in np.random.permutation(self.pids):
            ret.extend(np.random.choice(self.index_dic[pid], size=self.num_instances, replace=False).tolist())
        return iter(ret)


def get_data(data_dir, source, target, height, width, batch_size, num_instance=2, workers=8):
    # stand-in for DA(data_dir, source, target): 2 identities with 2 images each
    source_train = [('{}_{}.jpg'.format(pid, k), pid, k) for pid in range(2) for k in range(2)]
    num_classes = 2

    source_train_loader = DataLoader(
        Preprocessor_occluded(source_train, height, width, train=True),
        batch_size=batch_size, num_workers=workers,
        sampler=IdentitySampler(source_train, num_instance),
        pin_memory=False, drop_last=True)
    return num_classes, source_train_loader


def main(args):
    num_classes, source_train_loader = \
        get_data(args.data_dir, args.source, args.target, args.height,
                 args.width, args.batch_size, args.num_instance, args.workers)

    MaskNet, TaskNet = models.create(args.arch, num_features=args.features, dropout=args.dropout, num_classes=num_classes)

    criterion = []
    criterion.append(nn.CrossEntropyLoss())
    criterion.append(TripletLoss(margin=args.margin))
    criterion.append(nn.MSELoss(reduction='mean'))

    param_groups = [
        {'params': MaskNet.parameters(), 'lr_mult': 0.1},
    ]
    optimizer_Mask = torch.optim.SGD(param_groups, lr=args.lr,
                                     momentum=args.momentum,
                                     weight_decay=args.weight_decay,
                                     nesterov=True)
    base_param_ids = set(map(id, TaskNet.base.parameters()))
    new_params = [p for p in TaskNet.parameters() if
                  id(p) not in base_param_ids]
    param_groups = [
        {'params': TaskNet.base.parameters(), 'lr_mult': 0.1},
        {'params': new_params, 'lr_mult': 1.0}
    ]
    optimizer_Ide = torch.optim.SGD(param_groups, lr=args.lr,
                                    momentum=args.momentum,
                                    weight_decay=args.weight_decay,
                                    nesterov=True)

    trainer = Trainer([MaskNet, TaskNet], criterion)

    def adjust_lr(epoch):
        if epoch <= 9:
            lr = 0.0008 * (epoch / 10.0)
        elif epoch <= 16:
            lr = 0.1
        elif epoch <= 23:
            lr = 0.001
        else:
            lr = 0.0001

        for g in optimizer_Mask.param_groups:
            g['lr'] = lr * g.get('lr_mult', 1)
        for g in optimizer_Ide.param_groups:
            g['lr'] = lr * g.get('lr_mult', 1)

    for epoch in range(0, args.epochs):
        adjust_lr(epoch)
        trainer.train(epoch, [source_train_loader], [optimizer_Mask, optimizer_Ide], args.batch_size)


if __name__ == '__main__':
    parser = argparse.ArgumentParser(description="OAMN")
    # source
    parser.add_argument('-s', '--source', type=str, default='market')
    # target
    parser.add_argument('-t', '--target', type=str, default='occluded_duke')
    # images
    parser.add_argument('-b', '--batch-size', type=int, default=4, help="batch size for source")
    parser.add_argument('-j', '--workers', type=int, default=0)
    parser.add_argument('--height', type=int, default=64, help="input height, default: 256")
    parser.add_argument('--width', type=int, default=32, help="input width, default: 128")
    # model
    parser.add_argument('-a', '--arch', type=str, default='resnet50', choices=models.names())
    parser.add_argument('--features', type=int, default=32)
    parser.add_argument('--dropout', type=float, default=0.5)
    # optimizer
    parser.add_argument('--lr', type=float, default=0.1, help="learning rate of new parameters")
    parser.add_argument('--momentum', type=float, default=0.9)
    parser.add_argument('--weight-decay', type=float, default=5e-4)
    # training configs
    parser.add_argument('--epochs', type=int, default=2)
    parser.add_argument('--num-instance', type=int, default=2)
    parser.add_argument('--margin', type=float, default=0.3)
    # misc
    parser.add_argument('--data-dir', type=str, default='data')
    main(parser.parse_args([]))
