# case: powerful-benchmarker's TrainWithClassifier: the metric loss normalises the embeddings (F.normalize saved them for backward), then the classifier, an `architectures.misc_models.MLP` whose layers start with `nn.ReLU(inplace=True)`, is applied to the same embeddings; its in-place ReLU overwrites them, so the combined loss cannot be backpropagated (the error in the classifier MLP)
# source: https://github.com/KevinMusgrave/powerful-benchmarker/issues/78
import torch

from architectures import MLP
from losses import ContrastiveLoss
from trainers import TrainWithClassifier

torch.manual_seed(0)


def main():
    trunk = torch.nn.Sequential(torch.nn.Linear(6, 8), torch.nn.Tanh())
    embedder = MLP([8, 4])
    classifier = MLP([4, 8, 3])
    models = {"trunk": trunk, "embedder": embedder, "classifier": classifier}
    optimizers = {name + "_optimizer": torch.optim.Adam(m.parameters(), lr=1e-3) for name, m in models.items()}
    loss_funcs = {"metric_loss": ContrastiveLoss(), "classifier_loss": torch.nn.CrossEntropyLoss()}
    data = torch.randn(8, 6)
    labels = torch.tensor([0, 1, 2, 0, 1, 2, 0, 1])
    trainer = TrainWithClassifier(models, optimizers, loss_funcs, (data, labels), batch_size=4, loss_weights={"metric_loss": 1, "classifier_loss": 0.5})
    trainer.train(num_epochs=1)
    print({k: float(v) for k, v in trainer.losses.items()})


if __name__ == "__main__":
    main()
