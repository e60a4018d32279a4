# case: a module caches a coordinate grid as an attribute and moves it to the scores' dtype with `self.grid = self.grid.to(scores)` in forward; a first call under inference_mode makes the moved grid an inference tensor, and the training call's matmul saves it
import torch
import torch.nn as nn


class SoftArgmax(nn.Module):
    def __init__(self):
        super().__init__()
        self.grid = torch.linspace(-1.0, 1.0, 5)[:, None]

    def forward(self, scores):
        self.grid = self.grid.to(scores)
        return scores.softmax(dim=-1) @ self.grid  # expect: GG006  # raises: RuntimeError: Inference tensors cannot be saved for backward


head = SoftArgmax()
with torch.inference_mode():
    head(torch.rand(2, 5, dtype=torch.float64))
w = torch.rand(2, 5, dtype=torch.float64, requires_grad=True)
head(w * 2).sum().backward()
