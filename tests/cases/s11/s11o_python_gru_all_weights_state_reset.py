# case: a multi-layer GRU coded in Python on nn.GRU's own parameters (`self._all_weights[layer]`, `getattr(self, name)`, one hidden state per layer kept in a list), run twice on the same batch; between the runs the batch's stored hidden state is reset in place for restarting trajectories, which overwrites what the first run's `F.linear(hx, weight_hh)` saved
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)


class PyGRU(nn.GRU):
    @staticmethod
    def cell(x, hx, w_ih, w_hh, b_ih, b_hh):
        gi = F.linear(x, w_ih, b_ih)
        gh = F.linear(hx, w_hh, b_hh)  # saver
        i_r, i_z, i_n = gi.chunk(3, 1)
        h_r, h_z, h_n = gh.chunk(3, 1)
        r, z = (i_r + h_r).sigmoid(), (i_z + h_z).sigmoid()
        n = (i_n + r * h_n).tanh()
        return n + z * (hx - n)

    def forward(self, x, hx):
        h_t = list(hx.unbind(0))
        outs = []
        for x_t in x.unbind(1):
            for layer in range(self.num_layers):
                names = self._all_weights[layer]
                h_t[layer] = self.cell(x_t, h_t[layer], *(getattr(self, n) for n in names))
                x_t = h_t[layer]
            outs.append(x_t)
        return torch.stack(outs, 1), torch.stack(h_t, 0)


gru = PyGRU(4, 6, num_layers=2, batch_first=True)
x = torch.randn(3, 2, 4)
hidden = torch.randn(2, 3, 6)
restart = torch.tensor([True, False, True])
out1, _ = gru(x, hidden)
hidden[:, restart] = 0  # expect: GG002
out2, _ = gru(x, hidden)
(out1.sum() + out2.sum()).backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
print(round(out1.sum().item(), 4))
