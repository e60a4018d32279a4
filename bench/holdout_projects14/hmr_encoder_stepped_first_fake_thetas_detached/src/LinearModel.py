"""A configurable stack of fully connected layers (base of the regressor and two discriminators)."""

import sys

import torch.nn as nn


class LinearModel(nn.Module):
    """fc_layers: neuron counts such as [2133, 1024, 1024, 85]; the three lists say, per layer,
    whether a dropout follows, with which probability, and whether a ReLU follows."""

    def __init__(self, fc_layers, use_dropout, drop_prob, use_ac_func):
        super(LinearModel, self).__init__()
        self.fc_layers = fc_layers
        self.use_dropout = use_dropout
        self.drop_prob = drop_prob
        self.use_ac_func = use_ac_func

        if not self._check():
            msg = "wrong LinearModel parameters!"
            print(msg)
            sys.exit(msg)

        self.create_layers()

    def _check(self):
        if not isinstance(self.fc_layers, list) or not isinstance(self.use_dropout, list):
            return False
        if not isinstance(self.drop_prob, list) or not isinstance(self.use_ac_func, list):
            return False
        n = len(self.fc_layers)
        return (
            n >= 2
            and len(self.use_dropout) < n
            and len(self.drop_prob) < n
            and len(self.use_ac_func) < n
            and len(self.drop_prob) == len(self.use_dropout)
        )

    def create_layers(self):
        self.fc_blocks = nn.Sequential()
        for i in range(len(self.fc_layers) - 1):
            self.fc_blocks.add_module(
                name="regressor_fc_{}".format(i),
                module=nn.Linear(in_features=self.fc_layers[i], out_features=self.fc_layers[i + 1]),
            )
            if i < len(self.use_ac_func) and self.use_ac_func[i]:
                self.fc_blocks.add_module(name="regressor_af_{}".format(i), module=nn.ReLU())
            if i < len(self.use_dropout) and self.use_dropout[i]:
                self.fc_blocks.add_module(
                    name="regressor_fc_dropout_{}".format(i), module=nn.Dropout(p=self.drop_prob[i])
                )

    def forward(self, inputs):
        msg = "the base class [LinearModel] is not callable!"
        sys.exit(msg)
