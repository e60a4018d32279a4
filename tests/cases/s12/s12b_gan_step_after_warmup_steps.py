# case: a joint super-resolution + detection step: the generator loss is backpropagated with retain_graph and the generator stepped once the warm-up is over; the detector's loss then backpropagates through the same generator output, whose saved weights the step overwrote. The batch list has two batches, counted from 1 by enumerate, and the warm-up is 0 steps
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)


class Generator(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Conv2d(3, 4, 3, padding=1)
        self.tail = nn.Conv2d(4, 3, 3, padding=1)

    def forward(self, x):
        return self.tail(torch.relu(self.body(x)))  # saver


class Trainer:
    def __init__(self, config):
        self.net_g = Generator()
        self.head = nn.Linear(3, 2)
        self.opt_g = torch.optim.Adam(self.net_g.parameters(), lr=1e-4)
        self.opt_det = torch.optim.SGD(self.head.parameters(), lr=0.01)
        self.warmup = config["warmup_iters"]

    def optimize(self, step, image, labels):
        self.opt_g.zero_grad()
        sr = self.net_g(image)
        if step > self.warmup:
            l_pix = F.l1_loss(sr, torch.zeros_like(sr))
            l_pix.backward(retain_graph=True)
            self.opt_g.step()  # expect: GG002
        self.opt_det.zero_grad()
        logits = self.head(sr.mean(dim=(2, 3)))
        loss = F.cross_entropy(logits, labels)
        loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
        self.opt_det.step()


config = {"warmup_iters": 0}
trainer = Trainer(config)
loader = [(torch.rand(2, 3, 8, 8), torch.randint(0, 2, (2,))) for _ in range(2)]
for step, (image, labels) in enumerate(loader, start=1):
    trainer.optimize(step, image, labels)
