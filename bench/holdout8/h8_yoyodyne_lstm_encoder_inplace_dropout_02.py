# source: https://github.com/CUNY-CL/yoyodyne/pull/298
# case: the PR: the encoder's dropout layer is built without `inplace=True`, so dropping units of the LSTM output makes a new tensor and the output the LSTM kernel saved is untouched
import torch
from torch import nn

torch.manual_seed(0)


class LSTMEncoder(nn.Module):
    def __init__(self, vocab_size, embedding_size, hidden_size, dropout):
        super().__init__()
        self.embeddings = nn.Embedding(vocab_size, embedding_size, padding_idx=0)
        self.dropout_layer = nn.Dropout(p=dropout)
        self.module = nn.LSTM(embedding_size, hidden_size, batch_first=True)

    def forward(self, source):
        embedded = self.dropout_layer(self.embeddings(source))
        encoded, (h, c) = self.module(embedded)
        encoded = self.dropout_layer(encoded)
        return encoded, (h, c)


class Decoder(nn.Module):
    def __init__(self, vocab_size, hidden_size):
        super().__init__()
        self.attention = nn.Linear(hidden_size, hidden_size, bias=False)
        self.classifier = nn.Linear(2 * hidden_size, vocab_size)

    def forward(self, encoded, state):
        query = state[0][-1].unsqueeze(1)
        scores = torch.bmm(query, self.attention(encoded).transpose(1, 2))
        weights = scores.softmax(dim=-1)
        context = torch.bmm(weights, encoded)
        return self.classifier(torch.cat([context, query], dim=-1)).squeeze(1)


class Model(nn.Module):
    def __init__(self, vocab_size=12, embedding_size=6, hidden_size=8, dropout=0.2):
        super().__init__()
        self.encoder = LSTMEncoder(vocab_size, embedding_size, hidden_size, dropout)
        self.decoder = Decoder(vocab_size, hidden_size)

    def training_step(self, source, target):
        encoded, state = self.encoder(source)
        logits = self.decoder(encoded, state)
        return nn.functional.cross_entropy(logits, target)


model = Model()
model.train()
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
source = torch.randint(1, 12, (3, 5))
target = torch.randint(1, 12, (3,))
loss = model.training_step(source, target)
optimizer.zero_grad()
loss.backward()
optimizer.step()
