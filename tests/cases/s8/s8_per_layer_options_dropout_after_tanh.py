# case: a feed-forward builder takes each option as one value for every layer or a per-layer list (hasattr(options, "__iter__"), else [options for _ in range(n)] + [None]); the first layer gets a tanh and an in-place dropout, which overwrites the output tanh saved
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
            modules.append(nn.Dropout(p=dropouts[i], inplace=True))  # expect: GG002
    return nn.Sequential(*modules)


torch.manual_seed(0)
model = feed_forward([6, 8, 1], dropout=[0.5, None])
model(torch.randn(4, 6)).sum().backward()  # raises: RuntimeError: modified by an inplace operation
