#!/usr/bin/python3
# -*- coding: utf-8 -*-

import numpy as np
import torch

import utils


def validate(valid_loader_sketch, valid_loader_image, sem_pcyc_model, epoch, args):
    # Switch to test mode
    sem_pcyc_model.eval()

    acc_sk_em, acc_cls_sk = [], []
    acc_im_em, acc_cls_im = [], []
    with torch.no_grad():
        for sk, cls_sk in valid_loader_sketch:
            acc_sk_em.append(sem_pcyc_model.get_sketch_embeddings(sk).numpy())
            acc_cls_sk.extend(cls_sk)
        for im, cls_im in valid_loader_image:
            acc_im_em.append(sem_pcyc_model.get_image_embeddings(im).numpy())
            acc_cls_im.extend(cls_im)

    acc_sk_em = np.concatenate(acc_sk_em, axis=0)
    acc_im_em = np.concatenate(acc_im_em, axis=0)
    sim_euc = np.exp(-((acc_sk_em[:, None, :] - acc_im_em[None, :, :]) ** 2).sum(-1))
    str_sim = (np.array(acc_cls_sk)[:, None] == np.array(acc_cls_im)[None, :]).astype(np.float64)

    aps = utils.apsak(sim_euc, str_sim)
    return {"aps@all": aps}
