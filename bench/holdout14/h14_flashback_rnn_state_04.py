# case: the same Flashback training loop with --rnn lstm: the (h, c) state tuple returned by nn.LSTM for one batch is fed undetached into the next batch, whose loss is backpropagated with retain_graph=True after optimizer.step() has updated the LSTM weights that the previous batch's LSTM node saved
# source: https://github.com/eXascaleInfolab/Flashback_code/issues/2
from enum import Enum

import numpy as np
import torch
import torch.nn as nn

torch.manual_seed(0)


class Rnn(Enum):
    RNN = 0
    GRU = 1
    LSTM = 2

    @staticmethod
    def from_string(name):
        return {"rnn": Rnn.RNN, "gru": Rnn.GRU, "lstm": Rnn.LSTM}[name]


class RnnFactory:
    def __init__(self, rnn_type_str):
        self.rnn_type = Rnn.from_string(rnn_type_str)

    def is_lstm(self):
        return self.rnn_type in [Rnn.LSTM]

    def create(self, hidden_size):
        if self.rnn_type == Rnn.RNN:
            return nn.RNN(hidden_size, hidden_size)
        if self.rnn_type == Rnn.GRU:
            return nn.GRU(hidden_size, hidden_size)
        return nn.LSTM(hidden_size, hidden_size)


class Flashback(nn.Module):
    def __init__(self, input_size, user_count, hidden_size, f_t, f_s, rnn_factory):
        super().__init__()
        self.input_size, self.user_count, self.hidden_size = input_size, user_count, hidden_size
        self.f_t, self.f_s = f_t, f_s
        self.encoder = nn.Embedding(input_size, hidden_size)
        self.user_encoder = nn.Embedding(user_count, hidden_size)
        self.rnn = rnn_factory.create(hidden_size)
        self.fc = nn.Linear(2 * hidden_size, input_size)

    def forward(self, x, t, s, y_t, y_s, h, active_user):
        seq_len, user_len = x.size()
        x_emb = self.encoder(x)
        out, h = self.rnn(x_emb, h)  # saver
        out_w = torch.zeros(seq_len, user_len, self.hidden_size)
        for i in range(seq_len):
            sum_w = torch.zeros(user_len, 1)
            for j in range(i + 1):
                dist_t = t[i] - t[j]
                dist_s = torch.norm(s[i] - s[j], dim=-1)
                a_j = self.f_t(dist_t, user_len).unsqueeze(1)
                b_j = self.f_s(dist_s, user_len).unsqueeze(1)
                w_j = a_j * b_j + 1e-10
                sum_w += w_j
                out_w[i] += w_j * out[j]
            out_w[i] /= sum_w
        p_u = self.user_encoder(active_user).view(user_len, self.hidden_size)
        out_pu = torch.zeros(seq_len, user_len, 2 * self.hidden_size)
        for i in range(seq_len):
            out_pu[i] = torch.cat([out_w[i], p_u], dim=1)
        return self.fc(out_pu), h


class FixNoiseStrategy:
    def __init__(self, hidden_size):
        self.hidden_size = hidden_size
        self.h0 = torch.randn(hidden_size, requires_grad=False) * (1 / hidden_size)

    def on_init(self, user_len, device):
        return torch.stack([self.h0 for _ in range(user_len)], dim=0).view(1, user_len, self.hidden_size).to(device)

    def on_reset(self, user):
        return self.h0


class LstmStrategy:
    def __init__(self, hidden_size, h_strategy, c_strategy):
        self.h_strategy, self.c_strategy = h_strategy, c_strategy

    def on_init(self, user_len, device):
        return (self.h_strategy.on_init(user_len, device), self.c_strategy.on_init(user_len, device))

    def on_reset(self, user):
        return (self.h_strategy.on_reset(user), self.c_strategy.on_reset(user))


def create_h0_strategy(hidden_size, is_lstm):
    if is_lstm:
        return LstmStrategy(hidden_size, FixNoiseStrategy(hidden_size), FixNoiseStrategy(hidden_size))
    return FixNoiseStrategy(hidden_size)


class FlashbackTrainer:
    def __init__(self, lambda_t, lambda_s):
        self.lambda_t, self.lambda_s = lambda_t, lambda_s

    def parameters(self):
        return self.model.parameters()

    def prepare(self, loc_count, user_count, hidden_size, gru_factory, device):
        f_t = lambda delta_t, user_len: ((torch.cos(delta_t * 2 * np.pi / 86400) + 1) / 2) * torch.exp(-(delta_t / 86400 * self.lambda_t))  # noqa: E731
        f_s = lambda delta_s, user_len: torch.exp(-(delta_s * self.lambda_s))  # noqa: E731
        self.loc_count = loc_count
        self.cross_entropy_loss = nn.CrossEntropyLoss()
        self.model = Flashback(loc_count, user_count, hidden_size, f_t, f_s, gru_factory).to(device)

    def loss(self, x, t, s, y, y_t, y_s, h, active_users):
        self.model.train()
        out, h = self.model(x, t, s, y_t, y_s, h, active_users)
        return self.cross_entropy_loss(out.view(-1, self.loc_count), y.view(-1)), h


def make_batches(n_batches, seq_len, user_len, loc_count, resets):
    batches = []
    for b in range(n_batches):
        x = torch.randint(0, loc_count, (1, seq_len, user_len))
        t = (torch.arange(seq_len).float()[:, None] * 3600 + 3600 * b * seq_len).repeat(1, user_len)[None]
        s = torch.rand(1, seq_len, user_len, 2)
        y = torch.randint(0, loc_count, (1, seq_len, user_len))
        reset_h = [torch.tensor([r]) for r in resets[b]]
        active_users = torch.arange(user_len)[None]
        batches.append((x, t, s, y, t + 3600, s, reset_h, active_users))
    return batches


setting = {"hidden_dim": 6, "rnn": "lstm", "lambda_t": 0.1, "lambda_s": 100.0, "learning_rate": 0.01, "weight_decay": 0.0, "batch_size": 3, "device": torch.device("cpu"), "epochs": 1}
rnn_factory = RnnFactory(setting["rnn"])
loc_count, user_count = 7, 3
trainer = FlashbackTrainer(setting["lambda_t"], setting["lambda_s"])
h0_strategy = create_h0_strategy(setting["hidden_dim"], rnn_factory.is_lstm())
trainer.prepare(loc_count, user_count, setting["hidden_dim"], rnn_factory, setting["device"])
optimizer = torch.optim.Adam(trainer.parameters(), lr=setting["learning_rate"], weight_decay=setting["weight_decay"])
dataloader = make_batches(3, 4, setting["batch_size"], loc_count, resets=[[True, True, True], [False, False, False], [False, False, False]])
for e in range(setting["epochs"]):
    h = h0_strategy.on_init(setting["batch_size"], setting["device"])
    losses = []
    for i, (x, t, s, y, y_t, y_s, reset_h, active_users) in enumerate(dataloader):
        for j, reset in enumerate(reset_h):
            if reset:
                if rnn_factory.is_lstm():
                    hc = h0_strategy.on_reset(active_users[0][j])
                    h[0][0, j] = hc[0]
                    h[1][0, j] = hc[1]
                else:
                    h[0, j] = h0_strategy.on_reset(active_users[0][j])
        x, t, s, y, y_t, y_s = x.squeeze(), t.squeeze(), s.squeeze(), y.squeeze(), y_t.squeeze(), y_s.squeeze()
        optimizer.zero_grad()
        loss, h = trainer.loss(x, t, s, y, y_t, y_s, h, active_users)
        loss.backward(retain_graph=True)  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
        losses.append(loss.item())
        optimizer.step()  # expect: GG002
