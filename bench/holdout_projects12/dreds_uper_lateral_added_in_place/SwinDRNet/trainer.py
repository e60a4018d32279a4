import logging

import torch
import torch.nn as nn
import torch.optim as optim
from torch.utils.data import DataLoader

from datasets.datasets import SwinDRNetDataset
from utils.loss_functions import GradientLoss


class SwinDRNetTrainer():
    def __init__(self, args, model, device_list, continue_ckpt_path):
        self.material_mask = {'transparent': args.mask_transparent,
                              'specular': args.mask_specular,
                              'diffuse': args.mask_diffuse}

        self.val_interation_interval = args.val_interation_interval
        self.data_path_train = args.train_data_path
        self.data_path_val = args.val_data_path
        self.output_path = args.output_dir

        self.base_lr = args.base_lr
        self.num_classes = args.num_classes
        self.batch_size = args.batch_size * args.n_gpu
        self.img_size = args.img_size
        self.device = torch.device("cpu")

        self.train_loader, self.val_loader = self.prepare_data()
        self.model = model

        self.optimizer = optim.AdamW(self.model.parameters(), lr=self.base_lr, betas=(0.9, 0.999), weight_decay=0.01)
        self.epoch = 0
        self.total_iter_num = 0

        self.max_epochs = args.max_epochs
        self.max_iterations = self.max_epochs * len(self.train_loader) + 1

        logging.info("{} iterations per epoch. {} max iterations ".format(len(self.train_loader), self.max_iterations))
        self.iterator = range(self.epoch, self.max_epochs)

        self.depth_restoration_train_with_masks = True

        self.loss_train_iter_depth_restoration = {'total': 0.0, 'instance': 0.0, 'background': 0.0}
        self.loss_val_iter_depth_restoration = {'total': 0.0, 'instance': 0.0, 'background': 0.0}
        self.loss_train_iter = 0.0
        self.loss_val_iter = 0.0

    def prepare_data(self):
        train_dataset = SwinDRNetDataset(self.data_path_train, img_size=self.img_size, n=4, seed=0)
        val_dataset = SwinDRNetDataset(self.data_path_val, img_size=self.img_size, n=2, seed=1)
        train_loader = DataLoader(train_dataset, batch_size=self.batch_size, shuffle=True, num_workers=0,
                                  drop_last=True)
        val_loader = DataLoader(val_dataset, batch_size=self.batch_size, shuffle=False, num_workers=0)
        return train_loader, val_loader

    def transfer_to_device(self, sample_batched):
        for key in sample_batched:
            sample_batched[key] = sample_batched[key].to(self.device)
        return sample_batched

    def get_loss_depth_restoration(self, syn_ds, ins_masks, pred_ds, pred_ds_initial, mode):
        loss_instance_weight = 1.0
        loss_background_weight = 0.4
        loss_grad_weight = 0.6
        loss_weight_d_initial = 0.4

        l1 = nn.L1Loss(reduction='none')
        grad_loss = GradientLoss()

        loss_d_initial = l1(pred_ds_initial, syn_ds) + \
                loss_grad_weight * grad_loss(pred_ds_initial, syn_ds)

        loss_d_with_confidence = l1(pred_ds, syn_ds) + \
                loss_grad_weight * grad_loss(pred_ds, syn_ds)

        loss = loss_d_with_confidence + loss_weight_d_initial * loss_d_initial

        if not self.depth_restoration_train_with_masks:
            loss = loss.mean()
        else:
            num_instance = torch.sum(ins_masks)
            num_background = torch.sum(1 - ins_masks)
            loss_instance = torch.sum(loss * ins_masks) / num_instance
            loss_background = torch.sum(loss * (1 - ins_masks)) / num_background
            loss = loss_instance_weight * loss_instance + loss_background_weight * loss_background

        if mode == 'train':
            self.loss_train_iter_depth_restoration['total'] = loss
        else:
            self.loss_val_iter_depth_restoration['total'] = loss

    def forward(self, sample_batched, mode):
        rgbs = sample_batched['rgb']
        sim_ds = sample_batched['sim_depth']
        syn_ds = sample_batched['syn_depth']
        ins_masks = sample_batched['ins_mask']

        pred_ds, pred_ds_initial, confidence_sim_ds, confidence_initial = self.model(rgbs, sim_ds)
        self.get_loss_depth_restoration(syn_ds, ins_masks, pred_ds, pred_ds_initial, mode)
        if mode == 'train':
            self.loss_train_iter = self.loss_train_iter_depth_restoration['total']
        else:
            self.loss_val_iter = self.loss_val_iter_depth_restoration['total']

        return pred_ds, confidence_sim_ds, confidence_initial

    def train(self):
        for epoch in self.iterator:
            self.epoch = epoch + 1
            print("\n ############## epoch: ", epoch)

            for _, batch in enumerate(self.train_loader):
                #################################### TRAIN CYCLE ###################################
                self.model.train()

                sample_batched = self.transfer_to_device(batch)

                ################################### forward ########################################
                torch.set_grad_enabled(True)
                torch.autograd.set_detect_anomaly(True)
                outputs_depth, confidence_sim_ds, confidence_initial = self.forward(sample_batched, mode='train')

                ################################### backward #######################################
                self.optimizer.zero_grad()
                self.loss_train_iter.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
                self.optimizer.step()

                ################################### schedule #######################################
                warmup_iters = 500
                warmup_ratio = 1e-06
                if self.total_iter_num < warmup_iters:
                    k = (1 - self.total_iter_num / warmup_iters) * (1 - warmup_ratio)
                    lr_ = self.base_lr * (1 - k)
                else:
                    lr_ = self.base_lr * (1.0 - self.total_iter_num / self.max_iterations) ** 1.0
                for param_group in self.optimizer.param_groups:
                    param_group['lr'] = lr_

                print('iter {} loss {:.4f}'.format(self.total_iter_num, float(self.loss_train_iter)))
                self.total_iter_num += 1

            #################################### VALIDATION CYCLE ###################################
            print('\nValidation:')
            for _, batch in enumerate(self.val_loader):
                self.model.eval()
                sample_batched = self.transfer_to_device(batch)
                with torch.no_grad():
                    self.forward(sample_batched, mode='val')
                print('val loss {:.4f}'.format(float(self.loss_val_iter)))
