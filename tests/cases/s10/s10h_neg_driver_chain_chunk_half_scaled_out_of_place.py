# case: the same four-deep driver chain (main -> fit -> run_epoch -> process_batch) calling a model whose gating helper chunks the encoder features and scales one half out of place: nothing writes the chunk views and training runs
import torch
import torch.nn as nn


def gate(h):
    value, gate_logits = torch.chunk(h, 2, dim=-1)
    value = value * 0.5
    return value * torch.sigmoid(gate_logits)


class GatedHead(nn.Module):
    def __init__(self):
        super().__init__()
        self.encoder = nn.Linear(3, 8)
        self.head = nn.Linear(4, 1)

    def forward(self, features):
        return self.head(gate(features))


def process_batch(model, batch):
    inputs, targets = batch
    features = model.encoder(inputs)
    return ((model(features) - targets) ** 2).mean()


def run_epoch(model, optimizer, batches):
    for batch in batches:
        loss = process_batch(model, batch)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()


def fit(model, optimizer, batches, epochs):
    for _ in range(epochs):
        run_epoch(model, optimizer, batches)


def main():
    torch.manual_seed(0)
    model = GatedHead()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    batches = [(torch.randn(5, 3), torch.randn(5, 1)) for _ in range(2)]
    fit(model, optimizer, batches, epochs=2)


main()
