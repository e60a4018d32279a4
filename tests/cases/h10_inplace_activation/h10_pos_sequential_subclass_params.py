# case: an MLP written as an nn.Sequential subclass (torchvision.ops.MLP's shape): layers built in __init__ with the activation class taken from a default argument and `**params` holding inplace=True, handed to super().__init__(*layers); the in-place Dropout rewrites the ReLU output ReluBackward saved
import torch


class MLP(torch.nn.Sequential):
    def __init__(self, in_dim, hidden, activation_layer=torch.nn.ReLU, inplace=True, dropout=0.5):
        params = {} if inplace is None else {"inplace": inplace}
        layers = [torch.nn.Linear(in_dim, hidden), activation_layer(**params)]  # saver
        layers.append(torch.nn.Dropout(dropout, **params))  # expect: GG002
        layers.append(torch.nn.Linear(hidden, in_dim))
        super().__init__(*layers)


mlp = MLP(3, 6)
mlp(torch.rand(4, 3)).sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
