# case: look-alike: the full backward hook on the conv is there, but the model with `ReLU(inplace=True)` is only evaluated under `torch.no_grad()`; with grad mode off a hooked call wraps nothing and the in-place activation writes the conv's output as usual
import torch
from torch import nn

torch.manual_seed(0)
model = nn.Sequential(nn.Conv2d(1, 2, 3), nn.ReLU(inplace=True), nn.Flatten(), nn.Linear(18, 3))
model[0].register_full_backward_hook(lambda module, grad_input, grad_output: None)
model.eval()
with torch.no_grad():
    scores = model(torch.rand(2, 1, 5, 5))
print(scores.argmax(dim=1))
