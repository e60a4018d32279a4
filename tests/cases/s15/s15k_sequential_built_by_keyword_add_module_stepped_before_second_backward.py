# case: a discriminator head is an nn.Sequential filled with `add_module(name=..., module=...)` (keywords, not positions); its optimizer steps after the first loss's backward, and a second loss built from the same forward then backpropagates through the stepped weights the Linear layers saved
import torch
import torch.nn as nn


class Head(nn.Module):
    def __init__(self, sizes):
        super().__init__()
        self.fc_blocks = nn.Sequential()
        for i in range(len(sizes) - 1):
            self.fc_blocks.add_module(name="fc_{}".format(i), module=nn.Linear(sizes[i], sizes[i + 1]))
            self.fc_blocks.add_module(name="af_{}".format(i), module=nn.ReLU())

    def forward(self, x):
        return self.fc_blocks(x)  # saver


head = Head([4, 8, 1])
opt = torch.optim.SGD(head.parameters(), lr=0.1)
score = head(torch.randn(3, 4))
d_loss = score.mean()
g_loss = -score.mean()
opt.zero_grad()
d_loss.backward(retain_graph=True)
opt.step()  # expect: GG002
g_loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
