# case: MoCo's builder as in the repository: the negative logits use `self.queue.clone().detach()`, so the einsum saves a copy and enqueueing the new keys into the queue buffer in place (`_dequeue_and_enqueue`) before `loss.backward()` is harmless
# source: https://github.com/facebookresearch/moco/issues/21
import argparse
import random

import torch
import torch.nn as nn

import models
import moco.builder
import moco.loader
from utils import AverageMeter, accuracy, adjust_learning_rate

model_names = sorted(name for name in models.__dict__ if name.islower() and not name.startswith("__") and callable(models.__dict__[name]))

parser = argparse.ArgumentParser(description="MoCo Training (tiny)")
parser.add_argument("-a", "--arch", default="resnet_tiny", choices=model_names)
parser.add_argument("--epochs", default=1, type=int)
parser.add_argument("-b", "--batch-size", default=4, type=int)
parser.add_argument("--lr", default=0.03, type=float)
parser.add_argument("--schedule", default=[2], nargs="*", type=int)
parser.add_argument("--momentum", default=0.9, type=float)
parser.add_argument("--wd", "--weight-decay", default=1e-4, type=float, dest="weight_decay")
parser.add_argument("--seed", default=0, type=int)
parser.add_argument("--moco-dim", default=8, type=int)
parser.add_argument("--moco-k", default=8, type=int)
parser.add_argument("--moco-m", default=0.999, type=float)
parser.add_argument("--moco-t", default=0.07, type=float)
parser.add_argument("--mlp", action="store_true")
parser.add_argument("--aug-plus", action="store_true")
parser.add_argument("--cos", action="store_true")


def train(train_loader, model, criterion, optimizer, epoch, args):
    losses = AverageMeter("Loss", ":.4e")
    top1 = AverageMeter("Acc@1", ":6.2f")
    top5 = AverageMeter("Acc@5", ":6.2f")

    # switch to train mode
    model.train()

    for i, (images, _) in enumerate(train_loader):
        # compute output
        output, target = model(im_q=images[0], im_k=images[1])
        loss = criterion(output, target)

        # acc1/acc5 are (K+1)-way contrast classifier accuracy
        acc1, acc5 = accuracy(output, target, topk=(1, 5))
        losses.update(loss.item(), images[0].size(0))
        top1.update(acc1[0].item(), images[0].size(0))
        top5.update(acc5[0].item(), images[0].size(0))

        # compute gradient and do SGD step
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()

    print("Epoch [{}]\t{}\t{}\t{}".format(epoch, losses, top1, top5))


def main():
    args = parser.parse_args(["--mlp", "--aug-plus", "--cos"])
    random.seed(args.seed)
    torch.manual_seed(args.seed)

    # create model
    print("=> creating model '{}'".format(args.arch))
    model = moco.builder.MoCo(models.__dict__[args.arch], args.moco_dim, args.moco_k, args.moco_m, args.moco_t, args.mlp)

    criterion = nn.CrossEntropyLoss()
    optimizer = torch.optim.SGD(model.parameters(), args.lr, momentum=args.momentum, weight_decay=args.weight_decay)

    if args.aug_plus:
        augmentation = [moco.loader.RandomHorizontalFlip(), moco.loader.GaussianNoise([0.1, 2.0])]
    else:
        augmentation = [moco.loader.RandomHorizontalFlip()]
    train_dataset = moco.loader.RandomImages(8, 8, moco.loader.TwoCropsTransform(moco.loader.Compose(augmentation)))
    train_loader = torch.utils.data.DataLoader(train_dataset, batch_size=args.batch_size, shuffle=True, drop_last=True)

    for epoch in range(args.epochs):
        adjust_learning_rate(optimizer, epoch, args)
        train(train_loader, model, criterion, optimizer, epoch, args)


if __name__ == "__main__":
    main()
