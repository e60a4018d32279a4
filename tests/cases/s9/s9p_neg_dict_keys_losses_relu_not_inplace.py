# case: clean twin: the same dict of losses keyed by the loss functions, summed with weights and backpropagated; the classifier starts with a ReLU that is not in place, so the normalised embeddings stay as saved
import torch
import torch.nn as nn
import torch.nn.functional as F


class Trainer:
    def __init__(self, trunk, classifier, loss_funcs, loss_weights):
        self.trunk, self.classifier = trunk, classifier
        self.loss_funcs, self.loss_weights = loss_funcs, loss_weights

    def step(self, x, y):
        self.losses = {k: 0 for k in self.loss_funcs}
        emb = self.trunk(x)
        self.losses["metric"] = self.loss_funcs["metric"](emb)
        self.losses["cls"] = self.loss_funcs["cls"](self.classifier(emb), y)
        total = sum(self.loss_weights[k] * v for k, v in self.losses.items())
        total.backward()


def metric_loss(emb):
    return F.normalize(emb, dim=1).sum()


torch.manual_seed(0)
trunk = nn.Linear(4, 4)
classifier = nn.Sequential(nn.ReLU(), nn.Linear(4, 3))
trainer = Trainer(trunk, classifier, {"metric": metric_loss, "cls": F.cross_entropy}, {"metric": 1.0, "cls": 0.5})
trainer.step(torch.randn(2, 4), torch.tensor([0, 2]))
