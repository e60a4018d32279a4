from .base_trainer import BaseTrainer


class TrainWithClassifier(BaseTrainer):
    def calculate_loss(self, data, labels):
        embeddings = self.compute_embeddings(data)
        self.losses["metric_loss"] = self.loss_funcs["metric_loss"](embeddings, labels)
        logits = self.models["classifier"](embeddings)
        self.losses["classifier_loss"] = self.loss_funcs["classifier_loss"](logits, labels)
