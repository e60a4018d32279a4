# case: fix of the TimesNet normalisation as committed in Time-Series-Library after the issue: forecast() centres and scales its input out of place (x_enc = x_enc.sub(means), x_enc = x_enc.div(stdev)), so the centred input torch.var saved keeps its version and TimesNet with a learnable channel mixer in front trains
# source: https://github.com/thuml/Time-Series-Library/issues/699
from types import SimpleNamespace

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)


def FFT_for_Period(x, k=2):
    xf = torch.fft.rfft(x, dim=1)
    frequency_list = abs(xf).mean(0).mean(-1)
    frequency_list[0] = 0
    _, top_list = torch.topk(frequency_list, k)
    top_list = top_list.detach().cpu().numpy()
    period = x.shape[1] // top_list
    return period, abs(xf).mean(-1)[:, top_list]


class Inception_Block_V1(nn.Module):
    def __init__(self, in_channels, out_channels, num_kernels=2):
        super().__init__()
        self.kernels = nn.ModuleList([nn.Conv2d(in_channels, out_channels, kernel_size=2 * i + 1, padding=i) for i in range(num_kernels)])

    def forward(self, x):
        res_list = [kernel(x) for kernel in self.kernels]
        return torch.stack(res_list, dim=-1).mean(-1)


class TimesBlock(nn.Module):
    def __init__(self, configs):
        super().__init__()
        self.seq_len, self.pred_len, self.k = configs.seq_len, configs.pred_len, configs.top_k
        self.conv = nn.Sequential(Inception_Block_V1(configs.d_model, configs.d_ff, configs.num_kernels), nn.GELU(), Inception_Block_V1(configs.d_ff, configs.d_model, configs.num_kernels))

    def forward(self, x):
        B, T, N = x.size()
        period_list, period_weight = FFT_for_Period(x, self.k)
        res = []
        for i in range(self.k):
            period = int(period_list[i])
            total = self.seq_len + self.pred_len
            if total % period != 0:
                length = (total // period + 1) * period
                out = torch.cat([x, torch.zeros([x.shape[0], length - total, x.shape[2]])], dim=1)
            else:
                length, out = total, x
            out = out.reshape(B, length // period, period, N).permute(0, 3, 1, 2).contiguous()
            out = self.conv(out)
            out = out.permute(0, 2, 3, 1).reshape(B, -1, N)
            res.append(out[:, :total, :])
        res = torch.stack(res, dim=-1)
        period_weight = F.softmax(period_weight, dim=1).unsqueeze(1).unsqueeze(1).repeat(1, T, N, 1)
        return torch.sum(res * period_weight, -1) + x


class TimesNet(nn.Module):
    def __init__(self, configs):
        super().__init__()
        self.seq_len, self.pred_len = configs.seq_len, configs.pred_len
        self.model = nn.ModuleList([TimesBlock(configs) for _ in range(configs.e_layers)])
        self.value_embedding = nn.Conv1d(configs.enc_in, configs.d_model, 3, padding=1, padding_mode="circular", bias=False)
        self.mark_embedding = nn.Linear(4, configs.d_model, bias=False)
        self.layer_norm = nn.LayerNorm(configs.d_model)
        self.predict_linear = nn.Linear(self.seq_len, self.pred_len + self.seq_len)
        self.projection = nn.Linear(configs.d_model, configs.c_out, bias=True)

    def forecast(self, x_enc, x_mark_enc):
        means = x_enc.mean(1, keepdim=True).detach()
        x_enc = x_enc.sub(means)
        stdev = torch.sqrt(torch.var(x_enc, dim=1, keepdim=True, unbiased=False) + 1e-5)
        x_enc = x_enc.div(stdev)

        enc_out = self.value_embedding(x_enc.permute(0, 2, 1)).transpose(1, 2) + self.mark_embedding(x_mark_enc)
        enc_out = self.predict_linear(enc_out.permute(0, 2, 1)).permute(0, 2, 1)
        for block in self.model:
            enc_out = self.layer_norm(block(enc_out))
        dec_out = self.projection(enc_out)
        dec_out = dec_out * stdev[:, 0, :].unsqueeze(1).repeat(1, self.pred_len + self.seq_len, 1)
        dec_out = dec_out + means[:, 0, :].unsqueeze(1).repeat(1, self.pred_len + self.seq_len, 1)
        return dec_out

    def forward(self, x_enc, x_mark_enc, x_dec, x_mark_dec):
        return self.forecast(x_enc, x_mark_enc)[:, -self.pred_len :, :]


class MixedTimesNet(nn.Module):
    """A learnable channel mixer in front of TimesNet."""

    def __init__(self, configs):
        super().__init__()
        self.mixer = nn.Linear(configs.enc_in, configs.enc_in)
        self.backbone = TimesNet(configs)

    def forward(self, x_enc, x_mark_enc, x_dec, x_mark_dec):
        return self.backbone(self.mixer(x_enc), x_mark_enc, x_dec, x_mark_dec)


args = SimpleNamespace(seq_len=12, label_len=6, pred_len=4, enc_in=3, c_out=3, d_model=8, d_ff=8, e_layers=1, top_k=2, num_kernels=2, learning_rate=1e-3)
model = MixedTimesNet(args)
model_optim = torch.optim.Adam(model.parameters(), lr=args.learning_rate)
criterion = nn.MSELoss()

train_loader = [(torch.randn(2, args.seq_len, 3), torch.randn(2, args.label_len + args.pred_len, 3), torch.randn(2, args.seq_len, 4), torch.randn(2, args.label_len + args.pred_len, 4)) for _ in range(2)]
model.train()
for batch_x, batch_y, batch_x_mark, batch_y_mark in train_loader:
    model_optim.zero_grad()
    dec_inp = torch.zeros_like(batch_y[:, -args.pred_len :, :])
    dec_inp = torch.cat([batch_y[:, : args.label_len, :], dec_inp], dim=1)
    outputs = model(batch_x, batch_x_mark, dec_inp, batch_y_mark)
    f_dim = 0
    outputs = outputs[:, -args.pred_len :, f_dim:]
    batch_y = batch_y[:, -args.pred_len :, f_dim:]
    loss = criterion(outputs, batch_y)
    loss.backward()
    model_optim.step()
