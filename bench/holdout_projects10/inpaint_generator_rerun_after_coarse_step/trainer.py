import datetime
import os
import time

import torch
import torch.nn as nn
from torch.utils.data import DataLoader

import dataset
import utils


def WGAN_trainer(opt):
    # configurations
    save_folder = opt.save_path

    # build networks
    generator = utils.create_generator(opt)
    discriminator = utils.create_discriminator(opt)
    perceptualnet = utils.create_perceptualnet()

    # loss functions
    L1Loss = nn.L1Loss()
    RELU = nn.ReLU()

    # optimizers: the first one updates the coarse network only
    optimizer_g1 = torch.optim.Adam(generator.coarse.parameters(), lr=opt.lr_g)
    optimizer_g = torch.optim.Adam(generator.parameters(), lr=opt.lr_g)
    optimizer_d = torch.optim.Adam(discriminator.parameters(), lr=opt.lr_d)

    def adjust_learning_rate(lr_in, optimizer, epoch, opt):
        lr = lr_in * (opt.lr_decrease_factor ** (epoch // opt.lr_decrease_epoch))
        for param_group in optimizer.param_groups:
            param_group["lr"] = lr

    def save_model(net, epoch, opt, batch=0, is_D=False):
        prefix = "discriminator_WGAN" if is_D else "deepfillv2_WGAN"
        model_name = os.path.join(save_folder, "%s_epoch%d_batch%d.pth" % (prefix, epoch + 1, batch))
        if epoch % opt.checkpoint_interval == 0:
            print("The trained model would be saved as %s" % model_name)

    trainset = dataset.InpaintDataset(opt)
    print("The overall number of images equals to %d" % len(trainset))
    dataloader = DataLoader(trainset, batch_size=opt.batch_size, shuffle=True, num_workers=opt.num_workers)

    prev_time = time.time()
    for epoch in range(opt.epochs):
        print("Start epoch ", epoch + 1, "!")
        for batch_idx, (img, mask) in enumerate(dataloader):
            # generator output
            first_out, second_out, first_out_wholeimg, second_out_wholeimg = utils.inpaint(generator, img, mask)

            # train discriminator (hinge loss)
            for _ in range(1):
                optimizer_d.zero_grad()
                fake_scalar = discriminator(second_out_wholeimg.detach(), mask)
                true_scalar = discriminator(img, mask)
                hinge_loss = torch.mean(RELU(1 - true_scalar)) + torch.mean(RELU(fake_scalar + 1))
                loss_D = hinge_loss
                loss_D.backward(retain_graph=True)
                optimizer_d.step()

            # train the coarse network on its mask L1 loss
            first_MaskL1Loss = L1Loss(first_out_wholeimg, img)
            optimizer_g1.zero_grad()
            first_MaskL1Loss.backward(retain_graph=True)
            optimizer_g1.step()

            # the coarse network has changed: run the generator again for the total loss
            first_out, second_out, first_out_wholeimg, second_out_wholeimg = utils.inpaint(generator, img, mask)
            first_MaskL1Loss = L1Loss(first_out_wholeimg, img)

            # train the whole generator
            optimizer_g.zero_grad()
            second_MaskL1Loss = L1Loss(second_out_wholeimg, img)
            fake_scalar = discriminator(second_out_wholeimg, mask)
            GAN_Loss = -torch.mean(fake_scalar)
            img_featuremaps = perceptualnet(img)
            second_out_wholeimg_featuremaps = perceptualnet(second_out_wholeimg)
            second_PerceptualLoss = L1Loss(second_out_wholeimg_featuremaps, img_featuremaps)

            loss = (
                0.5 * opt.lambda_l1 * first_MaskL1Loss
                + opt.lambda_l1 * second_MaskL1Loss
                + GAN_Loss
                + second_PerceptualLoss * opt.lambda_perceptual
            )
            loss.backward()
            optimizer_g.step()

            batches_done = epoch * len(dataloader) + batch_idx
            batches_left = opt.epochs * len(dataloader) - batches_done
            time_left = datetime.timedelta(seconds=batches_left * (time.time() - prev_time))
            prev_time = time.time()
            print(
                "[Epoch %d/%d] [Batch %d/%d] [first Mask L1 Loss: %.5f] [second Mask L1 Loss: %.5f]"
                % (epoch + 1, opt.epochs, batch_idx + 1, len(dataloader), first_MaskL1Loss.item(), second_MaskL1Loss.item())
            )
            print(
                "[D Loss: %.5f] [Perceptual Loss: %.5f] [G Loss: %.5f] time_left: %s"
                % (loss_D.item(), second_PerceptualLoss.item(), GAN_Loss.item(), time_left)
            )

        adjust_learning_rate(opt.lr_g, optimizer_g, epoch + 1, opt)
        adjust_learning_rate(opt.lr_d, optimizer_d, epoch + 1, opt)
        save_model(generator, epoch, opt)
        save_model(discriminator, epoch, opt, is_D=True)
