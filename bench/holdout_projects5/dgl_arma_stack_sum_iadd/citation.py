# case: DGL's ARMA example: ARMAConv averages its K stacks by accumulating into the first stack's output (`output = feats` then `output += feats`); each stack ends in the nn.ReLU() activation passed in from citation.py, whose backward saved that output, so train_loss.backward() fails
# source: https://github.com/dmlc/dgl/pull/4218
"""The main file to train an ARMA model using a full graph (CPU, two epochs)."""

import torch
import torch.nn as nn
import torch.optim as optim

from data import CoraLikeDataset
from model import ARMA4NC


def main(epochs=2, hid_dim=8, num_stacks=2, num_layers=1, dropout=0.0):
    torch.manual_seed(0)
    dataset, n_classes = CoraLikeDataset()
    graph = dataset[0]
    labels = graph.ndata.pop("label").long()
    feats = graph.ndata.pop("feat")
    train_idx = torch.nonzero(graph.ndata.pop("train_mask"), as_tuple=False).squeeze()
    val_idx = torch.nonzero(graph.ndata.pop("val_mask"), as_tuple=False).squeeze()

    model = ARMA4NC(
        in_dim=feats.shape[-1],
        hid_dim=hid_dim,
        out_dim=n_classes,
        num_stacks=num_stacks,
        num_layers=num_layers,
        activation=nn.ReLU(),
        dropout=dropout,
    )
    loss_fn = nn.CrossEntropyLoss()
    opt = optim.Adam(model.parameters(), lr=0.01, weight_decay=5e-4)

    for _ in range(epochs):
        model.train()
        logits = model(graph, feats)
        train_loss = loss_fn(logits[train_idx], labels[train_idx])
        opt.zero_grad()
        train_loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
        opt.step()
        model.eval()
        with torch.no_grad():
            valid_loss = loss_fn(logits[val_idx], labels[val_idx])
    return valid_loss.item()


if __name__ == "__main__":
    main()
