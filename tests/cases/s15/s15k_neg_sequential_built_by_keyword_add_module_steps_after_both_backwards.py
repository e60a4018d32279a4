# case: the same keyword-built head; the second loss is backpropagated before the optimizer steps, so the saved weights are still the ones the forward used
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
        return self.fc_blocks(x)


head = Head([4, 8, 1])
opt = torch.optim.SGD(head.parameters(), lr=0.1)
score = head(torch.randn(3, 4))
d_loss = score.mean()
g_loss = -score.mean()
opt.zero_grad()
d_loss.backward(retain_graph=True)
g_loss.backward()
opt.step()
