# case: the same joint step with a warm-up of 5 steps: the two batches, counted from 1, never leave it, so the generator is never stepped and the detector loss backpropagates through unchanged weights (the method on its own, with any step, gets the warning)
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
        return self.tail(torch.relu(self.body(x)))


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
        loss.backward()
        self.opt_det.step()


config = {"warmup_iters": 5}
trainer = Trainer(config)
loader = [(torch.rand(2, 3, 8, 8), torch.randint(0, 2, (2,))) for _ in range(2)]
for step, (image, labels) in enumerate(loader, start=1):
    trainer.optimize(step, image, labels)
