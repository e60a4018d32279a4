# case: a forward whose eval branch writes into a softmax output; the training loop evaluates under no_grad and calls model.train() again, so training forwards never take that branch: runs (the forward analysed on its own still warns: a caller in eval mode with grad on would fail)
import torch
import torch.nn as nn
import torch.nn.functional as F


class Quantizer(nn.Module):
    def __init__(self):
        super().__init__()
        self.proj = nn.Linear(4, 3)

    def forward(self, x):
        logits = self.proj(x)
        if self.training:
            codes = F.gumbel_softmax(logits, tau=1.0, hard=True)
        else:
            codes = F.softmax(logits, dim=1)
            codes.scatter_(1, codes.argmax(1, keepdim=True), 1.0)  # expect: GG002
        return codes.sum()


model = Quantizer()
opt = torch.optim.SGD(model.parameters(), lr=0.1)
for step in range(3):
    loss = model(torch.randn(2, 4))
    opt.zero_grad()
    loss.backward()
    opt.step()
    model.eval()
    with torch.no_grad():
        model(torch.randn(2, 4))
    model.train()
