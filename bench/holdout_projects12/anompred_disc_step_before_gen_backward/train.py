# case: Anomaly_Prediction future-frame GAN (train.py at the commit before the fix): the generator loss G_l_t contains adversarial_loss(discriminator(G_frame)), so its graph holds the PixelDiscriminator weights (models/pix2pix_networks.py); the discriminator loss is backpropagated and optimizer_D.step() rewrites those weights before G_l_t.backward() runs through them
# source: https://github.com/feiyuhuahuo/Anomaly_Prediction/issues/11
import argparse
import random
import time

import torch
from torch.utils.data import DataLoader

import Dataset
from config import update_config
from evaluate import val
from losses import *
from models.liteFlownet import lite_flownet as lite_flow
from models.pix2pix_networks import PixelDiscriminator
from models.unet import UNet
from utils import *

random.seed(0)
torch.manual_seed(0)

parser = argparse.ArgumentParser(description='Anomaly Prediction')
parser.add_argument('--batch_size', default=2, type=int)
parser.add_argument('--dataset', default='avenue', type=str, help='The name of the dataset to train.')
parser.add_argument('--iters', default=3, type=int, help='The total iteration number.')
parser.add_argument('--resume', default=None, type=str,
                    help='The pre-trained model to resume training with, pass \'latest\' or the model name.')
parser.add_argument('--save_interval', default=1000, type=int, help='Save the model every [save_interval] iterations.')
parser.add_argument('--val_interval', default=2, type=int,
                    help='Evaluate the model every [val_interval] iterations, pass -1 to disable.')
parser.add_argument('--show_flow', default=False, action='store_true',
                    help='If True, the first batch of ground truth optic flow could be visualized and saved.')
parser.add_argument('--flownet', default='lite', type=str, help='lite: LiteFlownet, 2sd: FlowNet2SD.')

args = parser.parse_args()
train_cfg = update_config(args, mode='train')
train_cfg.print_cfg()

generator = UNet(input_channels=12, output_channel=3)
discriminator = PixelDiscriminator(input_nc=3)
optimizer_G = torch.optim.Adam(generator.parameters(), lr=train_cfg.g_lr)
optimizer_D = torch.optim.Adam(discriminator.parameters(), lr=train_cfg.d_lr)

generator.apply(weights_init_normal)
discriminator.apply(weights_init_normal)
print('Generator and discriminator are going to be trained from scratch.\n')

assert train_cfg.flownet in ('lite', '2sd'), 'Flow net only supports LiteFlownet or FlowNet2SD currently.'
flow_net = lite_flow.Network()  # the pretrained weights are not loaded here
flow_net.eval()  # Use flow_net to generate optic flows, so set to eval mode.

adversarial_loss = Adversarial_Loss()
discriminate_loss = Discriminate_Loss()
gradient_loss = Gradient_Loss(3)
flow_loss = Flow_Loss()
intensity_loss = Intensity_Loss()

train_dataset = Dataset.train_dataset(train_cfg)

# Remember to set drop_last=True, because we need to use 4 frames to predict one frame.
train_dataloader = DataLoader(dataset=train_dataset, batch_size=train_cfg.batch_size,
                              shuffle=True, num_workers=0, drop_last=True)

start_iter = 0
training = True
generator = generator.train()
discriminator = discriminator.train()

step = start_iter
while training:
    for indice, clips, flow_strs in train_dataloader:
        input_frames = clips[:, 0:12, :, :]  # (n, 12, 32, 32)
        target_frame = clips[:, 12:15, :, :]  # (n, 3, 32, 32)
        input_last = input_frames[:, 9:12, :, :]  # use for flow_loss

        # pop() the used frame index, this can't work in train_dataset.__getitem__ because of multiprocessing.
        for index in indice:
            train_dataset.all_seqs[index].pop()
            if len(train_dataset.all_seqs[index]) == 0:
                train_dataset.all_seqs[index] = list(range(len(train_dataset.videos[index]) - 4))
                random.shuffle(train_dataset.all_seqs[index])

        G_frame = generator(input_frames)

        gt_flow_input = torch.cat([input_last, target_frame], 1)
        pred_flow_input = torch.cat([input_last, G_frame], 1)
        # No need to train flow_net, use .detach() to cut off gradients.
        flow_gt = flow_net.batch_estimate(gt_flow_input, flow_net).detach()
        flow_pred = flow_net.batch_estimate(pred_flow_input, flow_net).detach()

        inte_l = intensity_loss(G_frame, target_frame)
        grad_l = gradient_loss(G_frame, target_frame)
        fl_l = flow_loss(flow_pred, flow_gt)
        g_l = adversarial_loss(discriminator(G_frame))
        G_l_t = 1. * inte_l + 1. * grad_l + 2. * fl_l + 0.05 * g_l

        # Train discriminator
        # When training discriminator, don't train generator, so use .detach() to cut off gradients.
        D_l = discriminate_loss(discriminator(target_frame), discriminator(G_frame.detach()))
        optimizer_D.zero_grad()
        D_l.backward()
        optimizer_D.step()  # expect: GG002

        # Train generator
        optimizer_G.zero_grad()
        G_l_t.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
        optimizer_G.step()

        time_end = time.time()
        psnr = psnr_error(G_frame, target_frame)
        print(f"[{step}]  inte_l: {inte_l:.3f} | grad_l: {grad_l:.3f} | fl_l: {fl_l:.3f} | "
              f"g_l: {g_l:.3f} | G_l_total: {G_l_t:.3f} | D_l: {D_l:.3f} | psnr: {psnr:.3f}")

        if step != start_iter and step % train_cfg.val_interval == 0:
            auc = val(train_cfg, model=generator)
            generator.train()

        step += 1
        if step > train_cfg.iters:
            training = False
            break
