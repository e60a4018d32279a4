# case: knowledge editing writes into a column of a Linear weight: weight[:, pos] -= ... (the paired += line is dropped)
# source: https://github.com/Hunter-DDM/knowledge-neurons/issues/14
import torch
import torch.nn as nn


class Output(nn.Module):
    def __init__(self):
        super().__init__()
        self.dense = nn.Linear(16, 8)


layers = nn.ModuleList([Output() for _ in range(2)])
ori_pred_emb = torch.randn(8)
tgt_emb = torch.randn(8)
lambda_list_1 = [0.5]
lambda_list_2 = [0.5]
layer, pos, i = 1, 3, 0

layers[layer].dense.weight[:, pos] -= ori_pred_emb * lambda_list_1[i]  # expect: GG001  # raises: RuntimeError: a view of a leaf Variable that requires grad is being used in an in-place operation
