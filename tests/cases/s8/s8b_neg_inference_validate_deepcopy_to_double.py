# case: the same validation pass run on a deep copy of the model (`evaluate(copy.deepcopy(model), x)`): only the copy's parameters become inference tensors, and training the live model runs cleanly
import copy

import torch
import torch.nn as nn


class Head(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Linear(4, 8)
        self.out = nn.Linear(8, 2)

    def forward(self, x):
        h = torch.relu(self.body(x))
        return self.out(h)


@torch.inference_mode()
def evaluate(model, data):
    model.to(torch.float64)
    preds = model(data.double())
    model.to(torch.float32)
    return preds.argmax(-1)


torch.manual_seed(0)
model = Head()
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
x, y = torch.randn(5, 4), torch.randint(0, 2, (5,))
for epoch in range(2):
    loss = nn.functional.cross_entropy(model(x), y)
    opt.zero_grad()
    loss.backward()
    opt.step()
    evaluate(copy.deepcopy(model), x)
