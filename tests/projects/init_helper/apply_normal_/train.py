# case: model.apply(init_weights) where init/weights.py calls m.weight.normal_() on a Parameter without no_grad
import torch

from init.weights import init_weights
from model import Classifier


def build() -> Classifier:
    torch.manual_seed(0)
    model = Classifier(20, 5)
    model.apply(init_weights)
    return model


if __name__ == "__main__":
    net = build()
    print(net(torch.randn(2, 20)).shape)
