# case: a QA head scored twice on the same answer positions (clean and noised embeddings); each call clamps the positions in place before `nn.CrossEntropyLoss`, but cross_entropy kept the first call's target indices for backward, so the summed loss cannot be backpropagated
import torch
import torch.nn as nn

torch.manual_seed(0)


class SpanHead(nn.Module):
    def __init__(self, d=8):
        super().__init__()
        self.proj = nn.Linear(d, 1)
        self.criterion = nn.CrossEntropyLoss()

    def forward(self, hidden, positions):
        logits = self.proj(hidden).squeeze(-1)
        positions.clamp_(0, logits.size(1) - 1)  # expect: GG002
        return self.criterion(logits, positions)  # saver


head = SpanHead()
hidden = torch.randn(4, 6, 8)
positions = torch.tensor([1, 7, 3, 9])
loss = head(hidden, positions) + head(hidden + 0.1 * torch.randn_like(hidden), positions)
loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
print(round(loss.item(), 4))
