import torch
import torch.nn as nn
from torch.autograd import Variable

from neucom.controller import BaseController
from neucom.utils import *


class RecurrentController(BaseController):
    def __init__(self, nhid=64, nlayer=1, **kwargs):
        super().__init__(**kwargs)
        self.nhid = nhid
        initrange = 0.1
        ninp = self.nn_input_size
        self.W_lstm = nn.Parameter(torch.randn(ninp, nhid * 4).uniform_(-initrange, initrange))
        self.U_lstm = nn.Parameter(torch.randn(nhid, nhid * 4).uniform_(-initrange, initrange))
        self.b_lstm = nn.Parameter(torch.zeros(1, nhid * 4))
        self.hid_out = nn.Parameter(
            torch.randn(nhid, self.nn_output_size).uniform_(-initrange, initrange)
        )

    def network_op(self, X, states, mask=None):
        h_tm1, c_tm1 = states
        Z = torch.mm(X, self.W_lstm) + torch.mm(h_tm1, self.U_lstm)
        Z = self.b_lstm.expand_as(Z) + Z

        z0 = Z[:, : self.nhid]
        z1 = Z[:, self.nhid : 2 * self.nhid]
        z2 = Z[:, 2 * self.nhid : 3 * self.nhid]
        z3 = Z[:, 3 * self.nhid :]

        i = torch.sigmoid(z0)
        f = torch.sigmoid(z1)
        c = f * c_tm1 + i * torch.tanh(z2)
        o = torch.sigmoid(z3)
        h = o * torch.tanh(c)
        out = torch.tanh(torch.mm(h, self.hid_out))
        return out, (h, c)

    def get_state(self, batch_size):
        h = Variable(self.W_lstm.data.new(batch_size, self.nhid).fill_(0.0), requires_grad=True)
        c = Variable(self.W_lstm.data.new(batch_size, self.nhid).fill_(0.0), requires_grad=True)
        return (h, c)
