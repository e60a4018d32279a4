# case: sigmoid probabilities fed to ResampleLoss, whose logit_reg_functions does `logits += self.neg_bias` in place (error names output 0 of SigmoidBackward0); reconstructed from the loss code
# source: https://github.com/wutong16/DistributionBalancedLoss/issues/20
import torch
import torch.nn as nn
import torch.nn.functional as F


class ResampleLoss(nn.Module):
    def __init__(self, num_classes, neg_bias=0.1, neg_scale=5.0):
        super().__init__()
        self.logit_reg = dict(neg_scale=neg_scale, neg_bias=neg_bias)
        self.neg_scale = neg_scale
        self.neg_bias = torch.full((num_classes,), -neg_bias / neg_scale)

    def forward(self, cls_score, label):
        cls_score = self.logit_reg_functions(label.float(), cls_score)
        return F.binary_cross_entropy_with_logits(cls_score, label.float())

    def logit_reg_functions(self, labels, logits):
        if not self.logit_reg:
            return logits
        if 'neg_bias' in self.logit_reg:
            logits += self.neg_bias  # expect: GG002
        if 'neg_scale' in self.logit_reg:
            logits = logits * (1 - labels) * self.neg_scale + logits * labels
        return logits


model = nn.Linear(16, 6)
criterion = ResampleLoss(num_classes=6)
x = torch.randn(4, 16)
labels = torch.randint(0, 2, (4, 6))

outputs = torch.sigmoid(model(x))  # saver
loss = criterion(outputs, labels)
loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
