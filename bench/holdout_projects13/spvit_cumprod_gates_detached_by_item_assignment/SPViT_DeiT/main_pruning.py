# case: SPViT search: each UnifiedAttention draws its kernel gates, takes their torch.cumprod, and detaches the first gates by item assignment on the cumprod output, which cumprod saved for backward; the NativeScaler's backward in utils.py then fails
# source: https://github.com/ziplab/SPViT/issues/1
# Copyright (c) 2015-present, Facebook, Inc. Modifications copyright (c) 2023 Zhuang AI Group, Haoyu He
import random

import numpy as np
import torch
from torch.utils.data import DataLoader

import models_pruning  # noqa: F401  (registers the SPViT models)
from datasets import build_dataset
from engine import evaluate_pruning, train_one_epoch_pruning
from losses import DistillationLoss, LabelSmoothingCrossEntropy
from model_registry import create_model
from params import args
from utils import NativeScaler, create_2optimizers


def main(args):
    device = torch.device(args.device)

    # fix the seed for reproducibility
    seed = args.seed
    torch.manual_seed(seed)
    np.random.seed(seed)
    random.seed(seed)

    dataset_train, args.nb_classes = build_dataset(is_train=True, args=args)
    dataset_val, _ = build_dataset(is_train=False, args=args)

    data_loader_train = DataLoader(dataset_train, batch_size=args.batch_size, shuffle=True, drop_last=True)
    data_loader_val = DataLoader(dataset_val, batch_size=int(1.5 * args.batch_size), shuffle=False)

    print("Searching...")
    print(f"Creating model: {args.model}")
    model = create_model(
        args.model,
        pretrained=False,
        num_classes=args.nb_classes,
        drop_rate=args.drop,
        drop_path_rate=args.drop_path,
        drop_block_rate=None,
        att_layer=args.att_layer,
        ffn_layer=args.ffn_layer,
        loss_lambda=args.loss_lambda,
        target_flops=args.target_flops,
        theta=args.theta,
        msa_indicators=args.assigned_indicators,
        ffn_indicators=None,
    )
    model.to(device)
    model_without_ddp = model

    optimizer1, optimizer2 = create_2optimizers(args, model_without_ddp)
    loss_scaler = NativeScaler()

    criterion = LabelSmoothingCrossEntropy(smoothing=args.smoothing)
    # wrap the criterion in our custom DistillationLoss, which
    # just dispatches to the original criterion if args.distillation_type is 'none'
    criterion = DistillationLoss(criterion, None, "none", 0.5, 1.0)

    print(f"Start training for {args.epochs} epochs")
    for epoch in range(args.epochs):
        train_stats = train_one_epoch_pruning(
            model,
            criterion,
            data_loader_train,
            optimizer1,
            optimizer2,
            device,
            epoch,
            loss_scaler,
            args.clip_grad,
        )
        test_stats = evaluate_pruning(data_loader_val, model, device)
        print(f"Epoch {epoch}: train {train_stats}, test {test_stats}")


if __name__ == "__main__":
    main(args)
