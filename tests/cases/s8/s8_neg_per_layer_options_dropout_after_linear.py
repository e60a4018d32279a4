# case: the same builder with the dropout list [None, 0.5]: the in-place dropout goes after the last linear layer (the per-layer activation list ends in None), which does not save its output
import torch
import torch.nn as nn


def per_layer(options, n_layers):
    if hasattr(options, "__iter__") and not isinstance(options, str):
        return options
    return [options for _ in range(n_layers - 1)] + [None]


def feed_forward(layers, activation="tanh", dropout=None):
    n_layers = len(layers) - 1
    activations = per_layer(activation, n_layers)
    dropouts = per_layer(dropout, n_layers)
    modules = []
    for i in range(n_layers):
        modules.append(nn.Linear(layers[i], layers[i + 1]))
        if activations[i] == "tanh":
            modules.append(nn.Tanh())
        if dropouts[i] is not None:
            modules.append(nn.Dropout(p=dropouts[i], inplace=True))
    return nn.Sequential(*modules)


torch.manual_seed(0)
model = feed_forward([6, 8, 1], dropout=[None, 0.5])
model(torch.randn(4, 6)).sum().backward()
