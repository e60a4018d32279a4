# case: features of a ReLU encoder recalibrated bucket by bucket: each branch of an if/elif chain writes a different masked selection of the ReLU output in place; every one of the three writes modifies the tensor ReLU saved
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)


def smooth(features, labels, low, high):
    for label in torch.unique(labels):
        if label == low:
            features[labels <= label] = features[labels <= label] * 0.5  # expect: GG002
        elif label == high:
            features[labels >= label] = features[labels >= label] * 0.5  # expect: GG002
        else:
            features[labels == label] = features[labels == label] * 0.5  # expect: GG002
    return features


fc = nn.Linear(4, 8)
x = torch.randn(6, 4)
labels = torch.tensor([0, 1, 2, 0, 1, 2])
features = F.relu(fc(x))  # saver
out = smooth(features, labels, 0, 2)
out.sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
