# case: proposal refinement: net = F.relu(bn(conv(x))) then `net += original_feature` overwrites the ReLU output ReLU saved
# source: https://github.com/zaiweizhang/H3DNet/issues/29
import torch
import torch.nn as nn
import torch.nn.functional as F


class ProposalRefine(nn.Module):
    def __init__(self, c=8):
        super().__init__()
        self.conv_refine1 = nn.Conv1d(c, c, 1)
        self.bn_refine1 = nn.BatchNorm1d(c)
        self.conv_refine2 = nn.Conv1d(c, c, 1)
        self.bn_refine2 = nn.BatchNorm1d(c)
        self.conv_refine4 = nn.Conv1d(c, 5, 1)

    def forward(self, combine_feature, original_feature):
        net = F.relu(self.bn_refine1(self.conv_refine1(combine_feature)))  # saver
        net += original_feature  ### Residual feature  # expect: GG002
        net = F.relu(self.bn_refine2(self.conv_refine2(net)))
        net = self.conv_refine4(net)
        return net


model = ProposalRefine()
original_feature = torch.randn(2, 8, 6, requires_grad=True)
out = model(torch.randn(2, 8, 6), original_feature)
out.sum().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
