# case: the same loop without model.train() after evaluating: from the second step on, training forwards take the eval branch and write into the softmax output autograd saved
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
            codes = F.softmax(logits, dim=1)  # saver
            codes.scatter_(1, codes.argmax(1, keepdim=True), 1.0)  # expect: GG002
        return codes.sum()


model = Quantizer()
opt = torch.optim.SGD(model.parameters(), lr=0.1)
for step in range(3):
    loss = model(torch.randn(2, 4))
    opt.zero_grad()
    loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
    opt.step()
    model.eval()
    with torch.no_grad():
        model(torch.randn(2, 4))
