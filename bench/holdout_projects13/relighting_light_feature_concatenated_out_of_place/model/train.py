# case: image-relighting with the lighting net building the new innermost features out of place (torch.cat of the target-light features and the remaining channels), so the output BasicBlock's final F.relu saved is left intact
# source: https://github.com/APikielny/image-relighting/issues/4
# Libraries
import argparse
import time

import torch
from data import CelebData
from debug import debug
from loss import L1

# Local Files
from model import HourglassNet
from torch.utils.data import DataLoader

# Script to train the model, which is saved in trained_models


def parse_args():
    parser = argparse.ArgumentParser(description="Train a new model.")
    parser.add_argument("--epochs", default=2, type=int, help="number of epochs")
    parser.add_argument("--batch", default=4, type=int, help="batch size")
    parser.add_argument("--lr", type=float, default=0.0001, help="learning rate for Adam optimizer")
    parser.add_argument("--data", default=8, type=int, help="number of data points to use")
    parser.add_argument("--model", default=None, help="name of the model to be saved")
    parser.add_argument("--verbose", action="store_true", help="print additional information")
    parser.add_argument("--debug", action="store_true", help="debug model by outputting intermediate images")

    return parser.parse_args()


ARGS = parse_args()
# Settings
VERBOSE = bool(ARGS.verbose)
DEBUG = bool(ARGS.debug)

# Hyper parameters
EPOCHS = ARGS.epochs
BATCH_SIZE = ARGS.batch
LEARNING_RATE = ARGS.lr
MAX_DATA = ARGS.data


def train(model, optimizer, dataloader, skip_count):
    num_batches = MAX_DATA // BATCH_SIZE

    epoch_loss = torch.tensor([0], dtype=torch.float32)

    for j, data in enumerate(dataloader, 0):
        I_sbatch, I_tbatch, L_sbatch, L_tbatch = data

        I_sbatch = torch.squeeze(I_sbatch, dim=1)
        L_tbatch = torch.squeeze(L_tbatch, dim=1)

        I_tbatch = torch.squeeze(I_tbatch, dim=1)
        L_sbatch = torch.squeeze(L_sbatch, dim=1)

        I_tp_batch, L_sp_batch = model.forward(I_sbatch, L_tbatch, skip_count)

        loss = L1(I_tbatch, I_tp_batch, L_sbatch, L_sp_batch)

        if VERBOSE:
            print("Batch # {} / {} loss: {}".format(j + 1, num_batches, loss))

        epoch_loss += loss

        optimizer.zero_grad()
        loss.backward()
        optimizer.step()

    epoch_loss = epoch_loss / num_batches
    print("Epoch loss: ", epoch_loss)


torch.manual_seed(0)
model = HourglassNet(baseFilter=4, gray=True, ncLightMiddle=8)
model.train(True)
modelId = None
optimizer = torch.optim.Adam(model.parameters(), lr=LEARNING_RATE)

dataset = CelebData("../data/train/", int(ARGS.data))
dataloader = DataLoader(dataset, batch_size=BATCH_SIZE, shuffle=True, num_workers=0)
for i in range(EPOCHS):
    if DEBUG:
        print("Outputing debug image.")
        if i == 0:
            modelId = debug(model, i)
        else:
            debug(model, i, modelId)
        print("Finished outputting debug image. Continuing training")

    start = time.time()
    print("Training epoch #", i + 1, "/", EPOCHS)

    train(model, optimizer, dataloader, 0)
    end = time.time()
    print("Time elapsed to train epoch #", i + 1, ":", end - start)

print("Done training! (the repository saves the state dict to ../trained_models/ here)")
