# case: look-alike: the same bucket-wise recalibration applied to a clone of the ReLU output, so the saved output stays as ReLU left it
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)


def smooth(features, labels, low, high):
    for label in torch.unique(labels):
        if label == low:
            features[labels <= label] = features[labels <= label] * 0.5
        elif label == high:
            features[labels >= label] = features[labels >= label] * 0.5
        else:
            features[labels == label] = features[labels == label] * 0.5
    return features


fc = nn.Linear(4, 8)
x = torch.randn(6, 4)
labels = torch.tensor([0, 1, 2, 0, 1, 2])
features = F.relu(fc(x))
out = smooth(features.clone(), labels, 0, 2)
out.sum().backward()
