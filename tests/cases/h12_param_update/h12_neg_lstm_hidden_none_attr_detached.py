# case: the same model with the state detached after each batch (repackaged hidden state): each backward stays inside its own batch
import torch
import torch.nn as nn


class LM(nn.Module):
    def __init__(self, ntoken=12, emb=8, hid=8):
        super().__init__()
        self.word_embed = nn.Embedding(ntoken, emb)
        self.rnn = nn.LSTM(emb, hid)
        self.decode = nn.Linear(hid, ntoken)
        self.hidden = None

    def forward(self, w_in):
        out, self.hidden = self.rnn(self.word_embed(w_in), self.hidden)
        return self.decode(out)


torch.manual_seed(0)
model = LM()
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
for w_in, w_tg in [(torch.randint(0, 12, (5, 2)), torch.randint(0, 12, (5, 2))) for _ in range(2)]:
    model.zero_grad()
    output = model(w_in)
    loss = nn.functional.cross_entropy(output.view(-1, 12), w_tg.view(-1))
    loss.backward(retain_graph=True)
    optimizer.step()
    model.hidden = tuple(h.detach() for h in model.hidden)
