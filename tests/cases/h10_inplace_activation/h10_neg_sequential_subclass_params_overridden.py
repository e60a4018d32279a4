# case: the clean twin of the nn.Sequential subclass built with `**params` holding inplace=True: the Dropout's splat overrides it (`**{**params, "inplace": False}`), so only the ReLU writes in place, into the Linear output it owns
import torch


class MLP(torch.nn.Sequential):
    def __init__(self, in_dim, hidden, activation_layer=torch.nn.ReLU, inplace=True, dropout=0.5):
        params = {} if inplace is None else {"inplace": inplace}
        layers = [torch.nn.Linear(in_dim, hidden), activation_layer(**params)]
        layers.append(torch.nn.Dropout(dropout, **{**params, "inplace": False}))
        layers.append(torch.nn.Linear(hidden, in_dim))
        super().__init__(*layers)


mlp = MLP(3, 6)
mlp(torch.rand(4, 3)).sum().backward()
