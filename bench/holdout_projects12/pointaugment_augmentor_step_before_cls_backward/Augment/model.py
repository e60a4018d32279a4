#!/usr/bin/env python
# -*- coding:utf-8 _*-
"""
@author:liruihui
@file: model.py
"""
import logging
import random

import numpy as np
import torch
import torch.nn as nn
import torch.utils.data
from torch.utils.data import DataLoader

import Common.data_utils as d_utils
from Augment.augmentor import Augmentor
from Augment.pointnet import PointNetCls
from Common import loss_utils
from Common.ModelNetDataLoader import ModelNetDataLoader, NUM_CLASS

# Set random seed for reproducibility
manualSeed = 999
random.seed(manualSeed)
np.random.seed(manualSeed)
torch.manual_seed(manualSeed)


class Model:
    def __init__(self, opts):
        self.opts = opts
        self.set_logger()

    def set_logger(self):
        self.logger = logging.getLogger("CLS")
        self.logger.setLevel(logging.INFO)

    def train(self):

        self.log_string('PARAMETER ...')
        self.log_string(self.opts)
        '''DATA LOADING'''
        self.log_string('Load dataset ...')

        trainDataLoader = DataLoader(ModelNetDataLoader(self.opts, partition='train'),
                                     batch_size=self.opts.batch_size, shuffle=True, drop_last=False)
        testDataLoader = DataLoader(ModelNetDataLoader(self.opts, partition='test'),
                                    batch_size=self.opts.batch_size, shuffle=False, )

        self.log_string("The number of training data is: %d" % len(trainDataLoader.dataset))
        self.log_string("The number of test data is: %d" % len(testDataLoader.dataset))

        '''MODEL LOADING'''
        num_class = NUM_CLASS
        self.dim = 3 if self.opts.use_normal else 0

        classifier = PointNetCls(num_class)
        augmentor = Augmentor()

        print('No existing Augment, starting training from scratch...')
        start_epoch = 0

        optimizer_c = torch.optim.Adam(
            classifier.parameters(),
            lr=self.opts.learning_rate,
            betas=(0.9, 0.999),
            eps=1e-08,
            weight_decay=self.opts.decay_rate
        )

        optimizer_a = torch.optim.Adam(
            augmentor.parameters(),
            lr=self.opts.learning_rate_a,
            betas=(0.9, 0.999),
            eps=1e-08,
            weight_decay=self.opts.decay_rate
        )
        if self.opts.no_decay:
            scheduler_c = None
        else:
            scheduler_c = torch.optim.lr_scheduler.StepLR(optimizer_c, step_size=20, gamma=self.opts.lr_decay)

        global_epoch = 0
        best_tst_accuracy = 0.0
        ispn = True if self.opts.model_name == "pointnet" else False
        '''TRANING'''
        self.logger.info('Start training...')
        PointcloudScaleAndTranslate = d_utils.PointcloudScaleAndTranslate()  # initialize augmentation

        for epoch in range(start_epoch, self.opts.epoch):
            self.log_string('Epoch %d (%d/%s):' % (global_epoch + 1, epoch + 1, self.opts.epoch))

            for batch_id, data in enumerate(trainDataLoader, 0):
                points, target = data
                target = target[:, 0]
                points, target = points, target.long()

                points = PointcloudScaleAndTranslate(points)
                points = points.transpose(2, 1).contiguous()

                noise = 0.02 * torch.randn(self.opts.batch_size, self.opts.noise_dim)

                classifier = classifier.train()
                augmentor = augmentor.train()
                optimizer_a.zero_grad()
                aug_pc = augmentor(points, noise)

                pred_pc, pc_tran, pc_feat = classifier(points)
                pred_aug, aug_tran, aug_feat = classifier(aug_pc)
                augLoss = loss_utils.aug_loss(pred_pc, pred_aug, target, pc_tran, aug_tran, ispn=ispn)

                augLoss.backward(retain_graph=True)
                optimizer_a.step()  # expect: GG002

                optimizer_c.zero_grad()
                clsLoss = loss_utils.cls_loss(pred_pc, pred_aug, target, pc_tran, aug_tran, pc_feat,
                                              aug_feat, ispn=ispn)
                clsLoss.backward(retain_graph=True)  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
                optimizer_c.step()

            if scheduler_c is not None:
                scheduler_c.step()

            train_acc = self.eval_one_epoch(classifier.eval(), trainDataLoader)
            test_acc = self.eval_one_epoch(classifier.eval(), testDataLoader)

            self.log_string('CLS Loss: %.2f' % clsLoss.data)
            self.log_string('AUG Loss: %.2f' % augLoss.data)

            self.log_string('Train Accuracy: %f' % train_acc)
            self.log_string('Test Accuracy: %f' % test_acc)

            if test_acc >= best_tst_accuracy:
                best_tst_accuracy = test_acc

            global_epoch += 1
        self.log_string('Best Accuracy: %f' % best_tst_accuracy)
        self.log_string('End of training...')

    def eval_one_epoch(self, model, loader):
        test_pred = []
        test_true = []

        for j, data in enumerate(loader, 0):
            points, target = data
            target = target[:, 0]
            points = points.transpose(2, 1)
            classifier = model.eval()
            with torch.no_grad():
                pred, _, _ = classifier(points)
            pred_choice = pred.data.max(1)[1]

            test_true.append(target.numpy())
            test_pred.append(pred_choice.detach().numpy())

        test_true = np.concatenate(test_true)
        test_pred = np.concatenate(test_pred)
        test_acc = float((test_true == test_pred).mean())

        return test_acc

    def log_string(self, msg):
        print(msg)
        self.logger.info(msg)
