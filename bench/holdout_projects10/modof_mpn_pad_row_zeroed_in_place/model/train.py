# case: Modof training (`model/train.py` -> `MolOpt.forward` in model/molopt.py -> `MolEncoder.forward` in model/mol_enc.py -> `mpn` -> `MPNN` in model/nnutils.py): the padding row of each ReLU output is zeroed by a subscript assignment (`messages[0,:] = messages[0,:] * 0` after `torch.relu(W_g(...))` in `MPNN`, `hatom[0,:] = ...` and `hnode[0,:] = ...` after the `nn.Sequential(Linear, ReLU)` output layers); ReLU saved those outputs, so `total_loss.backward()` fails (the "output 0 of ReluBackward0" error of the issue)
# source: https://github.com/ziqi92/Modof/issues/3
import argparse
import math
import os
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.optim as optim
import torch.optim.lr_scheduler as lr_scheduler
from datautils import PairTreeFolder
from molopt import MolOpt
from vocab import Vocab, common_atom_vocab

device = "cuda:0" if torch.cuda.is_available() else "cpu"
path = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))

if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--train", type=str, default=path + "/data/logp06/", help="data path to training data")
    parser.add_argument("--vocab", type=str, default=path + "/data/logp06/vocab.txt", help="substructure vocabulary")
    parser.add_argument("--save_dir", type=str, default=path + "/result/")
    parser.add_argument("--load_epoch", type=int, default=0)

    parser.add_argument("--hidden_size", type=int, default=8, help="the dimension of hidden layers")
    parser.add_argument("--batch_size", type=int, default=3, help="the number of molecule pairs in each batch")
    parser.add_argument("--latent_size", type=int, default=4, help="the dimension of latent embeddings")
    parser.add_argument("--embed_size", type=int, default=6, help="the dimension of substructure embedding")
    parser.add_argument("--depthG", type=int, default=2, help="depth of message passing in the graph encoder")
    parser.add_argument("--depthT", type=int, default=2, help="depth of message passing in the tree encoder")

    parser.add_argument("--add_ds", action="store_true")
    parser.add_argument("--clip_norm", type=float, default=50.0)
    parser.add_argument("--beta", type=float, default=0.000)
    parser.add_argument("--step_beta", type=float, default=0.005)
    parser.add_argument("--max_beta", type=float, default=0.1)
    parser.add_argument("--warmup", type=int, default=3000)
    parser.add_argument("--kl_anneal_iter", type=int, default=500)
    parser.add_argument("--score_func", type=int, default=1)

    parser.add_argument("--epoch", type=int, default=2, help="the number of epochs")
    parser.add_argument("--lr", type=float, default=1e-3, help="the learning rate")
    parser.add_argument("--anneal_rate", type=float, default=0.9)
    parser.add_argument("--anneal_iter", type=int, default=5000)
    parser.add_argument("--print_iter", type=int, default=2)
    args = parser.parse_args([])

    torch.manual_seed(0)
    vocab = [x.strip("\r\n ") for x in open(args.vocab)]
    vocab = Vocab(vocab)
    avocab = common_atom_vocab

    model = MolOpt(vocab, avocab, args)
    print("Model #Params: {0}K".format(sum([x.nelement() for x in model.parameters()]) / 1000))

    optimizer = optim.Adam(model.parameters(), lr=args.lr, amsgrad=True)
    scheduler = lr_scheduler.ExponentialLR(optimizer, args.anneal_rate)

    def param_norm(m):
        return math.sqrt(sum([p.norm().item() ** 2 for p in m.parameters()]))

    def grad_norm(m):
        return math.sqrt(sum([p.grad.norm().item() ** 2 for p in m.parameters() if p.grad is not None]))

    total_step = args.load_epoch
    beta = args.beta
    if model.beta != beta:
        model.beta = beta

    losses = np.zeros(7)
    t1 = time.time()
    for epoch in range(args.epoch):
        loader = PairTreeFolder(args.train, vocab, avocab, args.batch_size, add_target=args.add_ds, seed=epoch)
        for it, batch in enumerate(loader):
            with torch.autograd.set_detect_anomaly(True):
                total_step += 1
                model.zero_grad()
                total_loss, loss, acc, rec, num, _ = model(*batch, beta, total_step, add_target=args.add_ds)
                total_loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
                nn.utils.clip_grad_norm_(model.parameters(), args.clip_norm)
                optimizer.step()

            losses = losses + np.array([float(l) for l in loss])
            if total_step % args.print_iter == 0:
                losses /= args.print_iter
                print(
                    "[%d/%d/%d] timecost: %.2f, Beta: %.3f, target: %.4f, node: %.4f, KL: %.2f, PNorm: %.2f, GNorm: %.2f"
                    % (total_step, epoch, it, time.time() - t1, beta, losses[0], losses[2], losses[6], param_norm(model), grad_norm(model))
                )
                sys.stdout.flush()
                losses *= 0

            if total_step % args.anneal_iter == 0:
                scheduler.step()
