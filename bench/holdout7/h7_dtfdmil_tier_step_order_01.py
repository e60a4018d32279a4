# source: https://github.com/hrzhang1123/DTFD-MIL/issues/8
# case: DTFD-MIL two-tier training step: the first tier's loss is backpropagated with retain_graph=True and optimizer0 (dimReduction, attention, classifier) is stepped, then the second tier's loss, built on the attention-pooled pseudo-bag features (distill AFS), is backpropagated through weights that step changed
import random

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
random.seed(0)
np.random.seed(0)


class DimReduction(nn.Module):
    def __init__(self, n_channels=16, m_dim=8):
        super().__init__()
        self.fc1 = nn.Linear(n_channels, m_dim, bias=False)
        self.relu1 = nn.ReLU(inplace=True)

    def forward(self, x):
        return self.relu1(self.fc1(x))


class Attention(nn.Module):
    def __init__(self, L=8, D=4):
        super().__init__()
        self.attention_V = nn.Sequential(nn.Linear(L, D), nn.Tanh())
        self.attention_U = nn.Sequential(nn.Linear(L, D), nn.Sigmoid())
        self.attention_weights = nn.Linear(D, 1)

    def forward(self, x):
        A = self.attention_weights(self.attention_V(x) * self.attention_U(x))
        return F.softmax(A.transpose(1, 0), dim=1)


dimReduction = DimReduction()
attention = Attention()
classifier = nn.Linear(8, 2)
UClassifier = nn.Sequential(Attention(), nn.Identity())
u_head = nn.Linear(8, 2)
ce_cri = nn.CrossEntropyLoss(reduction="none")

trainable_parameter = list(classifier.parameters()) + list(attention.parameters()) + list(dimReduction.parameters())
optimizer0 = torch.optim.Adam(trainable_parameter, lr=1e-3)
optimizer1 = torch.optim.Adam(list(UClassifier.parameters()) + list(u_head.parameters()), lr=1e-3)

numGroup = 2
instance_per_group = 1
distill = "AFS"
for step in range(2):
    tfeat_tensor = torch.randn(6, 16)
    tslideLabel = torch.tensor([step % 2])
    feat_index = list(range(tfeat_tensor.shape[0]))
    random.shuffle(feat_index)
    index_chunk_list = [c.tolist() for c in np.array_split(np.array(feat_index), numGroup)]

    slide_pseudo_feat, slide_sub_preds, slide_sub_labels = [], [], []
    for tindex in index_chunk_list:
        slide_sub_labels.append(tslideLabel)
        subFeat_tensor = torch.index_select(tfeat_tensor, dim=0, index=torch.LongTensor(tindex))
        tmidFeat = dimReduction(subFeat_tensor)
        tAA = attention(tmidFeat).squeeze(0)
        tattFeats = torch.einsum("ns,n->ns", tmidFeat, tAA)
        tattFeat_tensor = torch.sum(tattFeats, dim=0).unsqueeze(0)
        slide_sub_preds.append(classifier(tattFeat_tensor))
        if distill == "MaxMinS":
            patch_pred_softmax = torch.softmax(classifier(tattFeats), dim=1)
            _, sort_idx = torch.sort(patch_pred_softmax[:, -1], descending=True)
            topk_idx = torch.cat([sort_idx[:instance_per_group], sort_idx[-instance_per_group:]], dim=0)
            slide_pseudo_feat.append(tmidFeat.index_select(dim=0, index=topk_idx))
        else:  # "AFS": the attention-pooled feature of each pseudo-bag
            slide_pseudo_feat.append(tattFeat_tensor)

    slide_pseudo_feat = torch.cat(slide_pseudo_feat, dim=0)
    slide_sub_preds = torch.cat(slide_sub_preds, dim=0)
    slide_sub_labels = torch.cat(slide_sub_labels, dim=0)

    loss0 = ce_cri(slide_sub_preds, slide_sub_labels).mean()
    optimizer0.zero_grad()
    loss0.backward(retain_graph=True)
    torch.nn.utils.clip_grad_norm_(dimReduction.parameters(), 5)
    optimizer0.step()  # expect: GG002

    att = UClassifier(slide_pseudo_feat)
    gSlidePred = u_head(att @ slide_pseudo_feat)
    loss1 = ce_cri(gSlidePred, tslideLabel).mean()
    optimizer1.zero_grad()
    loss1.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
    optimizer1.step()
