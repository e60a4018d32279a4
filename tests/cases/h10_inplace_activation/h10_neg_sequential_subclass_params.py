# case: the same Sequential subclass built with inplace=False (torchvision's later default): runs
import torch


class MLP(torch.nn.Sequential):
    def __init__(self, in_dim, hidden, activation_layer=torch.nn.ReLU, inplace=False, dropout=0.5):
        params = {} if inplace is None else {"inplace": inplace}
        layers = [torch.nn.Linear(in_dim, hidden), activation_layer(**params)]
        layers.append(torch.nn.Dropout(dropout, **params))
        layers.append(torch.nn.Linear(hidden, in_dim))
        super().__init__(*layers)


mlp = MLP(3, 6)
mlp(torch.rand(4, 3)).sum().backward()
