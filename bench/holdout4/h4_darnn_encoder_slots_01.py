# case: DA-RNN (dual-stage attention RNN) as in the repository when the issue was filed: the encoder fills preallocated zero tensors slice by slice (`input_weighted[:, t, :] = weighted_input`, `input_encoded[:, t, :] = hidden`) while the LSTM state is carried; nothing reads those buffers until the loop ends, so train_iteration runs cleanly
# source: https://github.com/Seanny123/da-rnn/issues/14
import numpy as np
import torch
from torch import nn
from torch import optim
from torch.autograd import Variable
from torch.nn import functional as tf


def init_hidden(x, hidden_size: int):
    return Variable(torch.zeros(1, x.size(0), hidden_size))


def numpy_to_tvar(x):
    return Variable(torch.from_numpy(x).type(torch.FloatTensor))


class Encoder(nn.Module):
    def __init__(self, input_size: int, hidden_size: int, T: int):
        super(Encoder, self).__init__()
        self.input_size = input_size
        self.hidden_size = hidden_size
        self.T = T
        self.lstm_layer = nn.LSTM(input_size=input_size, hidden_size=hidden_size, num_layers=1)
        self.attn_linear = nn.Linear(in_features=2 * hidden_size + T - 1, out_features=1)

    def forward(self, input_data):
        input_weighted = Variable(torch.zeros(input_data.size(0), self.T - 1, self.input_size))
        input_encoded = Variable(torch.zeros(input_data.size(0), self.T - 1, self.hidden_size))
        hidden = init_hidden(input_data, self.hidden_size)
        cell = init_hidden(input_data, self.hidden_size)
        for t in range(self.T - 1):
            x = torch.cat((hidden.repeat(self.input_size, 1, 1).permute(1, 0, 2),
                           cell.repeat(self.input_size, 1, 1).permute(1, 0, 2),
                           input_data.permute(0, 2, 1)), dim=2)
            x = self.attn_linear(x.view(-1, self.hidden_size * 2 + self.T - 1))
            attn_weights = tf.softmax(x.view(-1, self.input_size), dim=1)
            weighted_input = torch.mul(attn_weights, input_data[:, t, :])
            self.lstm_layer.flatten_parameters()
            _, lstm_states = self.lstm_layer(weighted_input.unsqueeze(0), (hidden, cell))
            hidden = lstm_states[0]
            cell = lstm_states[1]
            # Save output
            input_weighted[:, t, :] = weighted_input
            input_encoded[:, t, :] = hidden
        return input_weighted, input_encoded


class Decoder(nn.Module):
    def __init__(self, encoder_hidden_size: int, decoder_hidden_size: int, T: int, out_feats=1):
        super(Decoder, self).__init__()
        self.T = T
        self.encoder_hidden_size = encoder_hidden_size
        self.decoder_hidden_size = decoder_hidden_size
        self.attn_layer = nn.Sequential(nn.Linear(2 * decoder_hidden_size + encoder_hidden_size, encoder_hidden_size),
                                        nn.Tanh(),
                                        nn.Linear(encoder_hidden_size, 1))
        self.lstm_layer = nn.LSTM(input_size=out_feats, hidden_size=decoder_hidden_size)
        self.fc = nn.Linear(encoder_hidden_size + out_feats, out_feats)
        self.fc_final = nn.Linear(decoder_hidden_size + encoder_hidden_size, out_feats)
        self.fc.weight.data.normal_()

    def forward(self, input_encoded, y_history):
        hidden = init_hidden(input_encoded, self.decoder_hidden_size)
        cell = init_hidden(input_encoded, self.decoder_hidden_size)
        context = Variable(torch.zeros(input_encoded.size(0), self.encoder_hidden_size))
        for t in range(self.T - 1):
            x = torch.cat((hidden.repeat(self.T - 1, 1, 1).permute(1, 0, 2),
                           cell.repeat(self.T - 1, 1, 1).permute(1, 0, 2),
                           input_encoded), dim=2)
            x = tf.softmax(self.attn_layer(
                x.view(-1, 2 * self.decoder_hidden_size + self.encoder_hidden_size)).view(-1, self.T - 1), dim=1)
            context = torch.bmm(x.unsqueeze(1), input_encoded)[:, 0, :]
            y_tilde = self.fc(torch.cat((context, y_history[:, t]), dim=1))
            self.lstm_layer.flatten_parameters()
            _, lstm_output = self.lstm_layer(y_tilde.unsqueeze(0), (hidden, cell))
            hidden = lstm_output[0]
            cell = lstm_output[1]
        return self.fc_final(torch.cat((hidden[0], context), dim=1))


def train_iteration(encoder, decoder, enc_opt, dec_opt, loss_func, X, y_history, y_target):
    enc_opt.zero_grad()
    dec_opt.zero_grad()
    input_weighted, input_encoded = encoder(numpy_to_tvar(X))
    y_pred = decoder(input_encoded, numpy_to_tvar(y_history))
    y_true = numpy_to_tvar(y_target)
    loss = loss_func(y_pred, y_true)
    loss.backward()
    enc_opt.step()
    dec_opt.step()
    return loss.item()


T, n_feats = 5, 3
encoder = Encoder(input_size=n_feats, hidden_size=6, T=T)
decoder = Decoder(encoder_hidden_size=6, decoder_hidden_size=6, T=T, out_feats=1)
enc_opt = optim.Adam([p for p in encoder.parameters() if p.requires_grad], lr=0.01)
dec_opt = optim.Adam([p for p in decoder.parameters() if p.requires_grad], lr=0.01)
rng = np.random.RandomState(0)
for it in range(2):
    feats = rng.randn(4, T - 1, n_feats)
    y_history = rng.randn(4, T - 1, 1)
    y_target = rng.randn(4, 1)
    train_iteration(encoder, decoder, enc_opt, dec_opt, nn.MSELoss(), feats, y_history, y_target)
