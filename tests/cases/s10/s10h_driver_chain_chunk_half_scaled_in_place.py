# case: a training script whose drivers hand the model down four calls deep (main -> fit -> run_epoch -> process_batch) before calling it on the features its encoder made of the batch; the forward's gating helper chunks those features (which require grad) into two halves and scales one half in place, an in-place op on an output of a multi-output view function
import torch
import torch.nn as nn


def gate(h):
    value, gate_logits = torch.chunk(h, 2, dim=-1)
    value.mul_(0.5)  # expect: GG003  # raises: RuntimeError: is a view and is being modified inplace
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
