# case: fix suggested in the thread: call net.detach_hidden() inside the inner (per-frame) loop, at the same indent as the loss bookkeeping
# source: https://github.com/vikrant7/mobile-vod-bottleneck-lstm/issues/25
import torch
import torch.nn as nn


class BottleneckLSTMCell(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.W = nn.Conv2d(2 * channels, 4 * channels, 3, padding=1)
        self.h = None
        self.c = None

    def forward(self, x):
        if self.h is None:
            self.h = torch.zeros_like(x)
            self.c = torch.zeros_like(x)
        gates = self.W(torch.cat([x, self.h], 1))
        i, f, o, g = gates.chunk(4, 1)
        self.c = torch.sigmoid(f) * self.c + torch.sigmoid(i) * torch.tanh(g)
        self.h = torch.sigmoid(o) * torch.tanh(self.c)
        return self.h

    def detach_hidden(self):
        self.h = self.h.detach()
        self.c = self.c.detach()


net = BottleneckLSTMCell(2)
head = nn.Conv2d(2, 1, 1)
optimizer = torch.optim.SGD(list(net.parameters()) + list(head.parameters()), lr=0.01)
video_batches = [torch.randn(3, 1, 2, 4, 4) for _ in range(2)]

running_classification_loss = 0.0
for epoch in range(1):
    for i, frames in enumerate(video_batches):
        for frame in frames:
            out = head(net(frame))
            classification_loss = out.pow(2).mean()
            optimizer.zero_grad()
            classification_loss.backward(retain_graph=True)
            optimizer.step()
            running_classification_loss += classification_loss.item()
            net.detach_hidden()
