# source: https://github.com/sgadgil6/cnslab_fmri/issues/4
# case: fMRI_LSTM keeps `self.hidden` across batches and feeds it back to the LSTM; with `loss.backward(retain_graph=True)` (the workaround the reporter tried) the next backward runs into the previous batch's LSTM graph after `optimizer.step()` changed the weights
import torch
import torch.nn as nn


class fMRI_LSTM(nn.Module):
    def __init__(self, hidden_dim, input_dim, batch=4):
        super(fMRI_LSTM, self).__init__()
        self.hidden_dim = hidden_dim
        self.batch = batch
        self.lstm = nn.LSTM(input_dim, hidden_dim, num_layers=1, batch_first=True)
        self.linear = nn.Linear(hidden_dim, 1)
        self.hidden = self.init_hidden()
        self.dropout = nn.Dropout(p=0.2)
        self.activate = nn.Sigmoid()

    def init_hidden(self):
        return (torch.randn(1, self.batch, self.hidden_dim), torch.randn(1, self.batch, self.hidden_dim))

    def forward(self, x):
        lstm_out, self.hidden = self.lstm(x, self.hidden)
        lstm_out = lstm_out[:, -1, :]
        out = self.dropout(lstm_out)
        linear_output = self.linear(out)
        return self.activate(linear_output)


model = fMRI_LSTM(8, 5)
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
criterion = nn.BCELoss()
for step in range(2):
    x = torch.randn(4, 6, 5)
    y = torch.randint(0, 2, (4, 1)).float()
    optimizer.zero_grad()
    loss = criterion(model(x), y)
    loss.backward(retain_graph=True)  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
    optimizer.step()  # expect: GG002
