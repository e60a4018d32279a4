# case: the same DVS loop with the carried LSTMCell state cut after each optimizer step (truncated BPTT: each LayerLSTM's hx/cx detached), so every step's backward stays inside its own graph; runs cleanly (retain_graph=True kept)
# source: https://github.com/googleinterns/deep-stabilization/issues/10
from collections import OrderedDict

import torch
import torch.nn as nn
import torch.nn.functional as F


def torch_norm_quat(quat):
    return quat / torch.sqrt(torch.sum(quat * quat, dim=1, keepdim=True) + 1e-8)


class LayerLSTM(nn.Module):
    def __init__(self, input_size, hidden_size, bias):
        super(LayerLSTM, self).__init__()
        self.LSTM = nn.LSTMCell(input_size, hidden_size, bias)
        self.hidden_size = hidden_size

    def init_hidden(self, batch_size):
        self.hx = torch.zeros((batch_size, self.hidden_size))
        self.cx = torch.zeros((batch_size, self.hidden_size))

    def forward(self, x):
        self.hx, self.cx = self.LSTM(x, (self.hx, self.cx))
        return self.hx


class LayerFC(nn.Module):
    def __init__(self, in_features, out_features, bias, drop_out=0, activation_function=nn.ReLU):
        super(LayerFC, self).__init__()
        self.fc = nn.Linear(in_features, out_features, bias=bias)
        self.activation = activation_function() if activation_function is not None else None
        self.dropout = nn.Dropout(p=drop_out, inplace=False) if drop_out else None

    def forward(self, x):
        if self.dropout is not None:
            x = self.dropout(x)
        x = self.fc(x)
        if self.activation is not None:
            x = self.activation(x)
        return x


class FlowNet(nn.Module):
    def __init__(self, out_features=8):
        super().__init__()
        self.conv = nn.Sequential(nn.Conv2d(4, 4, 3, 2, 1), nn.ReLU(inplace=True))
        self.fc = nn.Linear(4 * 4 * 4, out_features)

    def forward(self, x, x_back):
        x = torch.cat((x, x_back), dim=3).permute(0, 3, 1, 2)
        return self.fc(self.conv(x).flatten(1))


class Net(nn.Module):
    def __init__(self, input_size=12, flo_size=8, rnn_layers=((16, True), (16, True)), fc_layers=((8, True), (4, True))):
        super(Net, self).__init__()
        rnns = []
        in_size = input_size + flo_size
        for layer, (hidden, bias) in enumerate(rnn_layers):
            rnns.append(("%d" % layer, LayerLSTM(in_size, hidden, bias)))
            in_size = hidden
        self.rnns = nn.Sequential(OrderedDict(rnns))
        self.fcs = nn.Sequential(OrderedDict([
            ("0", LayerFC(in_size, fc_layers[0][0], fc_layers[0][1], 0.1, nn.ReLU)),
            ("1", LayerFC(fc_layers[0][0], fc_layers[1][0], fc_layers[1][1], 0.1, None)),
        ]))

    def init_hidden(self, batch_size):
        for i in range(len(self.rnns)):
            self.rnns[i].init_hidden(batch_size)

    def forward(self, x, flo, ois):
        x = torch.cat((x, flo), dim=1)
        x = self.rnns(x)
        x = self.fcs(x)
        return torch_norm_quat(x)


class Model():
    def __init__(self):
        self.net = Net()
        self.unet = FlowNet()

    def loss(self, out, vt_1, virtual_inputs):
        follow = 1.0 - torch.abs(torch.sum(out * virtual_inputs[:, -4:], dim=1))
        smooth = torch.sum((out - vt_1) ** 2, dim=1)
        return follow + 10.0 * smooth


def run_epoch(model, loader, optimizer, clip_norm=1.0, is_training=True):
    for real_inputs, virtual_inputs, flo, flo_back, ois in loader:
        batch_size, step = real_inputs.size(0), real_inputs.size(1)
        model.net.init_hidden(batch_size)
        vt_1 = torch.tensor([[1.0, 0.0, 0.0, 0.0]]).repeat(batch_size, 1)
        for j in range(step):
            inputs = real_inputs[:, j]
            flo_out = model.unet(flo[:, j], flo_back[:, j])
            if j < 1:
                for i in range(2):
                    out = model.net(inputs, flo_out, ois[:, j])
            else:
                out = model.net(inputs, flo_out, ois[:, j])
            loss = torch.sum(model.loss(out, vt_1, virtual_inputs[:, j]))
            vt_1 = out.detach()
            if is_training:
                optimizer.zero_grad()
                loss.backward(retain_graph=True)
                nn.utils.clip_grad_norm_(model.net.parameters(), max_norm=clip_norm)
                nn.utils.clip_grad_norm_(model.unet.parameters(), max_norm=clip_norm)
                optimizer.step()
                for rnn in model.net.rnns:
                    rnn.hx, rnn.cx = rnn.hx.detach(), rnn.cx.detach()


model = Model()
optimizer = torch.optim.Adam(list(model.net.parameters()) + list(model.unet.parameters()), lr=1e-4)
loader = [(torch.randn(2, 3, 12), torch.randn(2, 3, 8), torch.randn(2, 3, 8, 8, 2),
           torch.randn(2, 3, 8, 8, 2), torch.randn(2, 3, 4))]
run_epoch(model, loader, optimizer)
