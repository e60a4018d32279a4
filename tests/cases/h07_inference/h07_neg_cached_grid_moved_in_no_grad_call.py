# case: a module caches a coordinate grid as an attribute and moves it to the scores' dtype with `self.grid = self.grid.to(scores)` in forward; the first call runs under no_grad (not inference_mode), so the moved grid is a normal tensor and the training call's matmul may save it
import torch
import torch.nn as nn


class SoftArgmax(nn.Module):
    def __init__(self):
        super().__init__()
        self.grid = torch.linspace(-1.0, 1.0, 5)[:, None]

    def forward(self, scores):
        self.grid = self.grid.to(scores)
        return scores.softmax(dim=-1) @ self.grid


head = SoftArgmax()
with torch.no_grad():
    head(torch.rand(2, 5, dtype=torch.float64))
w = torch.rand(2, 5, dtype=torch.float64, requires_grad=True)
head(w * 2).sum().backward()
