# case: the QA span head of s11q clamping the answer positions out of place: each call has its own clamped targets and the summed loss backpropagates
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
        positions = positions.clamp(0, logits.size(1) - 1)
        return self.criterion(logits, positions)


head = SpanHead()
hidden = torch.randn(4, 6, 8)
positions = torch.tensor([1, 7, 3, 9])
loss = head(hidden, positions) + head(hidden + 0.1 * torch.randn_like(hidden), positions)
loss.backward()
print(round(loss.item(), 4))
