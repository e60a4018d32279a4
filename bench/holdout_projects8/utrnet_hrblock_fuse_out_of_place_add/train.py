# case: UTRNet training with the HRNet feature extractor fusing the streams out of place in `HRBlock.forward` (modules/cnn/hrnet.py: `x = x + up_x`, `x = x + down_x`): the last `BasicBlock`'s ReLU output (modules/cnn/hrnet_blocks.py) that the ReLU saved stays untouched, while the blocks' own `x += identity` on a batch-norm output and the `up_x += m(t)` accumulators remain in place, and CTC training runs
# source: https://github.com/huggingface/pytorch-image-models/issues/2248
import argparse
import random

import numpy as np
import torch
import torch.nn.init as init
import torch.optim as optim
import torch.utils.data

from dataset import AlignCollate, RandomTextLines
from model import Model
from utils import Averager, CTCLabelConverter


def train(opt, device):
    opt.device = device
    AlignCollate_train = AlignCollate(imgH=opt.imgH, imgW=opt.imgW)
    train_dataset = RandomTextLines(4, opt.character, opt.imgH, opt.imgW, max_len=opt.batch_max_length)
    train_loader = torch.utils.data.DataLoader(
        train_dataset, batch_size=opt.batch_size, shuffle=True, collate_fn=AlignCollate_train
    )

    """ model configuration """
    converter = CTCLabelConverter(opt.character)
    opt.num_class = len(converter.character)
    model = Model(opt)

    # weight initialization
    for name, param in model.named_parameters():
        try:
            if "bias" in name:
                init.constant_(param, 0.0)
            elif "weight" in name:
                init.kaiming_normal_(param)
        except Exception:
            if "weight" in name:
                param.data.fill_(1)
            continue

    model = model.to(device)
    model.train()

    """ setup loss """
    criterion = torch.nn.CTCLoss(zero_infinity=True).to(device)
    loss_avg = Averager()

    # filter that only require gradient decent
    filtered_parameters = [p for p in model.parameters() if p.requires_grad]
    optimizer = optim.Adadelta(filtered_parameters, lr=opt.lr, rho=opt.rho, eps=opt.eps)

    for epoch in range(opt.num_epochs):
        for i, (image_tensors, labels) in enumerate(train_loader):
            image = image_tensors.to(device)
            text, length = converter.encode(labels, batch_max_length=opt.batch_max_length)
            batch_size = image.size(0)

            preds = model(image)
            preds_size = torch.IntTensor([preds.size(1)] * batch_size)
            preds = preds.log_softmax(2).permute(1, 0, 2)
            cost = criterion(preds, text, preds_size, length)

            model.zero_grad()
            cost.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), opt.grad_clip)
            optimizer.step()

            loss_avg.add(cost)

        print(f"[{epoch + 1}/{opt.num_epochs}] Train loss: {loss_avg.val():0.5f}")
        loss_avg.reset()


def get_parser():
    parser = argparse.ArgumentParser()
    parser.add_argument("--manualSeed", type=int, default=1111)
    parser.add_argument("--batch_size", type=int, default=2)
    parser.add_argument("--num_epochs", type=int, default=1)
    parser.add_argument("--lr", type=float, default=1, help="learning rate, default=1.0 for Adadelta")
    parser.add_argument("--rho", type=float, default=0.95)
    parser.add_argument("--eps", type=float, default=1e-8)
    parser.add_argument("--grad_clip", type=float, default=5)
    parser.add_argument("--batch_max_length", type=int, default=4)
    parser.add_argument("--imgH", type=int, default=16)
    parser.add_argument("--imgW", type=int, default=32)
    parser.add_argument("--FeatureExtraction", type=str, default="HRNet")
    parser.add_argument("--SequenceModeling", type=str, default="DBiLSTM")
    parser.add_argument("--Prediction", type=str, default="CTC")
    parser.add_argument("--input_channel", type=int, default=1)
    parser.add_argument("--output_channel", type=int, default=512)
    parser.add_argument("--mid_channel", type=int, default=4)
    parser.add_argument("--hidden_size", type=int, default=8)
    return parser


if __name__ == "__main__":
    opt = get_parser().parse_args([])
    if opt.FeatureExtraction == "HRNet":
        opt.output_channel = 8

    """ vocab / character number configuration """
    opt.character = "abcdef "

    """ Seed setting """
    random.seed(opt.manualSeed)
    np.random.seed(opt.manualSeed)
    torch.manual_seed(opt.manualSeed)

    train(opt, torch.device("cpu"))
