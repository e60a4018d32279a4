# source: https://github.com/hli2020/feature_intertwiner/issues/4
# case: the change the thread suggests: `x = x / (torch.norm(x, p=2, dim=1, keepdim=True) + EPS)` and the same for y
import torch
import torch.nn as nn

EPS = 1e-8


class OptTrans(nn.Module):
    def __init__(self, ot_num_iter=5, ot_lambda=10.):
        super(OptTrans, self).__init__()
        self.iter = ot_num_iter
        self.lam = ot_lambda

    def forward(self, x, y):
        # x: big-object features, y: small-object features, (N, C)
        C = self._cosine_cost(x, y)
        K = torch.exp(-self.lam * C)
        a = torch.ones(x.size(0)) / x.size(0)
        b = torch.ones(y.size(0)) / y.size(0)
        u = torch.ones_like(a)
        for _ in range(self.iter):
            v = b / (K.t() @ u + EPS)
            u = a / (K @ v + EPS)
        T = u.unsqueeze(1) * K * v.unsqueeze(0)
        return (T * C).sum()

    @staticmethod
    def _cosine_cost(x, y):
        x = x / (torch.norm(x, p=2, dim=1, keepdim=True) + EPS)
        y = y / (torch.norm(y, p=2, dim=1, keepdim=True) + EPS)
        return 1. - x @ y.t()


roi_head = nn.Linear(16, 8)
ot_loss = OptTrans()
big_feat = roi_head(torch.randn(6, 16))
small_feat = roi_head(torch.randn(4, 16))
loss = ot_loss(big_feat, small_feat) + big_feat.pow(2).mean()
loss.backward()
