# case: a trainer keeps its losses in a dict made from its loss functions' keys (`{k: 0 for k in self.loss_funcs}`) and backpropagates their weighted sum; the classifier's first layer is an in-place ReLU applied to the embeddings the metric loss normalised (F.normalize saved them)
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
        total.backward()  # raises: RuntimeError: modified by an inplace operation


def metric_loss(emb):
    return F.normalize(emb, dim=1).sum()  # saver


torch.manual_seed(0)
trunk = nn.Linear(4, 4)
classifier = nn.Sequential(nn.ReLU(inplace=True), nn.Linear(4, 3))  # expect: GG002
trainer = Trainer(trunk, classifier, {"metric": metric_loss, "cls": F.cross_entropy}, {"metric": 1.0, "cls": 0.5})
trainer.step(torch.randn(2, 4), torch.tensor([0, 2]))
