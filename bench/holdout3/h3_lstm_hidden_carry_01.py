# case: LSTM language-model training loop from the blog: (h0, c0) returned by one batch are fed into the next batch without detach, loss.backward(retain_graph=True) was added to silence "backward through the graph a second time", and then optimizer.step() changes the LSTM weights that the old part of the carried graph saved
# source: https://blog.youkuaiyun.com/windhawk_fly/article/details/143405685
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


class LSTMModel(nn.Module):
    def __init__(self, vocab_size, embedding_dim, hidden_dim, num_layers):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, embedding_dim)
        self.lstm = nn.LSTM(embedding_dim, hidden_dim, num_layers, batch_first=True)
        self.fc = nn.Linear(hidden_dim, embedding_dim)

    def forward(self, x, h0, c0):
        out, (h, c) = self.lstm(self.embedding(x), (h0, c0))
        return self.fc(out), (h, c)


torch.manual_seed(0)
vocab_size, embedding_dim, hidden_dim, num_layers = 10, 6, 8, 1
batch_size, seq_len = 2, 5
EPOCH = 1
tokens = torch.randint(0, vocab_size, (8, seq_len))
targets = torch.randn(8, seq_len, embedding_dim)
data_loader = DataLoader(TensorDataset(tokens, targets), batch_size=batch_size)
batch_count = len(data_loader)

lstm = LSTMModel(vocab_size, embedding_dim, hidden_dim, num_layers)
optimizer = torch.optim.Adam(lstm.parameters(), lr=1e-3)
loss_fn = nn.MSELoss()

for epoch in range(EPOCH):
    batch_num = 0
    h0 = torch.randn((num_layers, batch_size, hidden_dim), requires_grad=False)
    c0 = torch.randn((num_layers, batch_size, hidden_dim), requires_grad=False)
    for batch in data_loader:
        optimizer.zero_grad()
        output, (h0, c0) = lstm(batch[0], h0, c0)
        loss = loss_fn(output.reshape(-1, embedding_dim), batch[1].reshape(-1, embedding_dim))
        loss.backward(retain_graph=True)  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
        optimizer.step()  # expect: GG002
        batch_num += 1
        if batch_num % min(10, batch_count // 2) == 0:
            print(f"epoch {epoch} : batch {batch_num} : {loss.item():.4f}")
