import torch.nn as nn


class Identity(nn.Module):
    def forward(self, inputs):
        return inputs


def activation_layer(act_name, hidden_size=None, dice_dim=2):
    if isinstance(act_name, str):
        if act_name.lower() == "sigmoid":
            return nn.Sigmoid()
        if act_name.lower() == "linear":
            return Identity()
        if act_name.lower() == "relu":
            return nn.ReLU(inplace=True)
        if act_name.lower() == "prelu":
            return nn.PReLU()
        raise NotImplementedError
    if issubclass(act_name, nn.Module):
        return act_name()
    raise NotImplementedError
