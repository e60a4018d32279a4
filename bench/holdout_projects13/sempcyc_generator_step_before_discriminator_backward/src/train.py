#!/usr/bin/python3
# -*- coding: utf-8 -*-
# case: SEM-PCYC: SEM_PCYC.backward (models.py) steps the generators' optimizer, then backpropagates the semantic discriminator loss through the generators' outputs im2se_em / sk2se_em, whose last linear layer saved the weight the step just rewrote
# source: https://github.com/AnjanDutta/sem-pcyc/issues/30

# system, numpy
import os
import time

import numpy as np

# pytorch, torch vision
import torch
from torch.utils.data import DataLoader
from torch.utils.data.sampler import WeightedRandomSampler

# user defined
import utils
from data import DataGeneratorImage, DataGeneratorPaired, DataGeneratorSketch
from logger import AverageMeter, Logger
from models import SEM_PCYC
from options import Options
from test import validate


def main():
    # Parse options
    args = Options().parse()
    print("Parameters:\t" + str(args))

    # Read the config file and
    config = utils.read_config()
    path_aux = config["path_aux"]

    args.semantic_models = sorted(args.semantic_models)
    model_name = "+".join(args.semantic_models)
    path_log = os.path.join(path_aux, "LogFiles", args.dataset, model_name, str(args.dim_out))

    torch.manual_seed(0)
    np.random.seed(0)

    # Classes and their semantic embeddings (word2vec and hierarchical embeddings in the repository)
    train_clss = ["airplane", "bicycle", "cat", "chair"]
    rng = np.random.RandomState(0)
    semantic_labels = [{c: rng.randn(6).astype(np.float32) for c in train_clss} for _ in args.semantic_models]
    sem_dim = sum(list(s.values())[0].shape[0] for s in semantic_labels)

    # Load the dataset
    print("Loading data...", end="")
    data_train = DataGeneratorPaired(args.dataset, train_clss, size=args.im_sz)
    data_valid_sketch = DataGeneratorSketch(args.dataset, train_clss, size=args.sk_sz)
    data_valid_image = DataGeneratorImage(args.dataset, train_clss, size=args.im_sz)
    print("Done")

    # class dictionary
    dict_clss = utils.create_dict_texts(data_train.clss)

    train_sampler = WeightedRandomSampler(
        data_train.get_weights(), num_samples=args.epoch_size * args.batch_size, replacement=True
    )

    # PyTorch train loader
    train_loader = DataLoader(
        dataset=data_train, batch_size=args.batch_size, sampler=train_sampler, num_workers=args.num_workers
    )
    # PyTorch valid loader for sketch
    valid_loader_sketch = DataLoader(
        dataset=data_valid_sketch, batch_size=args.batch_size, shuffle=False, num_workers=args.num_workers
    )
    # PyTorch valid loader for image
    valid_loader_image = DataLoader(
        dataset=data_valid_image, batch_size=args.batch_size, shuffle=False, num_workers=args.num_workers
    )

    # Model parameters
    params_model = dict()
    # Dimensions
    params_model["dim_out"] = args.dim_out
    params_model["sem_dim"] = sem_dim
    params_model["ae_nlayer"] = args.ae_nlayer
    # Number of classes
    params_model["num_clss"] = len(dict_clss)
    # Weight (on losses) parameters
    params_model["lambda_se"] = args.lambda_se
    params_model["lambda_im"] = args.lambda_im
    params_model["lambda_sk"] = args.lambda_sk
    params_model["lambda_gen_cyc"] = args.lambda_gen_cyc
    params_model["lambda_gen_adv"] = args.lambda_gen_adv
    params_model["lambda_gen_cls"] = args.lambda_gen_cls
    params_model["lambda_gen_reg"] = args.lambda_gen_reg
    params_model["lambda_disc_se"] = args.lambda_disc_se
    params_model["lambda_disc_sk"] = args.lambda_disc_sk
    params_model["lambda_disc_im"] = args.lambda_disc_im
    params_model["lambda_regular"] = args.lambda_regular
    # Optimizers' parameters
    params_model["lr"] = args.lr
    params_model["momentum"] = args.momentum
    params_model["milestones"] = args.milestones
    params_model["gamma"] = args.gamma
    # Semantic labels of the classes
    params_model["semantic_labels"] = semantic_labels
    # Class dictionary
    params_model["dict_clss"] = dict_clss

    # Model
    sem_pcyc_model = SEM_PCYC(params_model)

    # Logger
    print("Setting logger...", end="")
    logger = Logger(path_log, force=True)
    print("Done")

    # Epoch for loop
    if not args.test:
        print("***Train***")
        for epoch in range(args.epochs):
            sem_pcyc_model.scheduler_gen.step()
            sem_pcyc_model.scheduler_disc.step()
            sem_pcyc_model.scheduler_ae.step()

            # train on training set
            losses = train(train_loader, sem_pcyc_model, epoch, args)

            # evaluate on validation set, map_ since map is already there
            print("***Validation***")
            valid_data = validate(valid_loader_sketch, valid_loader_image, sem_pcyc_model, epoch, args)
            map_ = np.mean(valid_data["aps@all"])

            print("mAP@all on validation set after {0} epochs: {1:.4f} (real)".format(epoch + 1, map_))

            logger.add_scalar("loss_gen", losses["gen"].avg, epoch)
            logger.add_scalar("loss_disc", losses["disc"].avg, epoch)
            logger.add_scalar("map_valid", map_, epoch)


def train(train_loader, sem_pcyc_model, epoch, args):
    # Switch to train mode
    sem_pcyc_model.train()

    batch_time = AverageMeter()
    losses_gen = AverageMeter()
    losses_disc = AverageMeter()
    losses_aut_enc = AverageMeter()

    # Start counting time
    time_start = time.time()

    for i, (sk, im, cl) in enumerate(train_loader):
        # Optimize parameters
        loss = sem_pcyc_model.optimize_params(sk, im, cl)

        # Store losses for visualization
        losses_aut_enc.update(loss["aut_enc"].item(), sk.size(0))
        losses_gen.update(loss["gen"].item(), sk.size(0))
        losses_disc.update(loss["disc"].item(), sk.size(0))

        # time
        time_end = time.time()
        batch_time.update(time_end - time_start)
        time_start = time_end

        if (i + 1) % args.log_interval == 0:
            print(
                "[Train] Epoch: [{0}][{1}/{2}]\t"
                "Gen. Loss {loss_gen.val:.4f} ({loss_gen.avg:.4f})\t"
                "Disc. Loss {loss_disc.val:.4f} ({loss_disc.avg:.4f})\t".format(
                    epoch + 1, i + 1, len(train_loader), loss_gen=losses_gen, loss_disc=losses_disc
                )
            )

    losses = {"aut_enc": losses_aut_enc, "gen": losses_gen, "disc": losses_disc}
    return losses


if __name__ == "__main__":
    main()
