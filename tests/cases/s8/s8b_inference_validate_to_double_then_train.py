# case: a validation pass under @torch.inference_mode() moves the live model to float64 (`model.to(torch.float64)`) and back: Module._apply replaces each parameter's data by a tensor made in inference mode, so the next forward's linear layer saves an inference-tensor weight
import torch
import torch.nn as nn


class Head(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Linear(4, 8)
        self.out = nn.Linear(8, 2)

    def forward(self, x):
        h = torch.relu(self.body(x))
        return self.out(h)  # expect: GG006  # raises: RuntimeError: Inference tensors cannot be saved for backward


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
    evaluate(model, x)
