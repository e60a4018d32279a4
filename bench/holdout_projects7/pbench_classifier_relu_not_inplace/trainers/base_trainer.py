import torch


class BaseTrainer:
    def __init__(self, models, optimizers, loss_funcs, dataset, batch_size, loss_weights=None):
        self.models = models
        self.optimizers = optimizers
        self.loss_funcs = loss_funcs
        self.dataset = dataset
        self.batch_size = batch_size
        self.loss_weights = loss_weights or {k: 1 for k in loss_funcs}
        self.losses = {}

    def compute_embeddings(self, data):
        trunk_output = self.models["trunk"](data)
        return self.models["embedder"](trunk_output)

    def train(self, num_epochs=1):
        for _ in range(num_epochs):
            for start in range(0, len(self.dataset[0]), self.batch_size):
                data = self.dataset[0][start : start + self.batch_size]
                labels = self.dataset[1][start : start + self.batch_size]
                for opt in self.optimizers.values():
                    opt.zero_grad()
                self.losses = {k: 0 for k in self.loss_funcs}
                self.calculate_loss(data, labels)
                self.backward()
                for opt in self.optimizers.values():
                    opt.step()

    def backward(self):
        total_loss = sum(self.loss_weights[k] * v for k, v in self.losses.items())
        total_loss.backward()
