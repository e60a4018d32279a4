# case: weighted-MF surrogate trained by ALS writes each solved user/item factor row straight into the nn.Parameter (`model.P[user] = new_p_u.t()`) in grad mode; scipy sparse inputs replaced by dense tensors
# source: https://github.com/graytowne/revisit_adv_rec/issues/3
import numpy as np
import torch
import torch.nn as nn


def _array2diag(x):
    return torch.diag(torch.as_tensor(x, dtype=torch.float32))


class WeightedMF(nn.Module):
    def __init__(self, n_users, n_items, dim):
        super(WeightedMF, self).__init__()
        self.n_users = n_users
        self.n_items = n_items
        self.dim = dim
        self.Q = nn.Parameter(torch.zeros([self.n_items, self.dim]).normal_(mean=0, std=0.1))
        self.P = nn.Parameter(torch.zeros([self.n_users, self.dim]).normal_(mean=0, std=0.1))
        self.params = nn.ParameterList([self.Q, self.P])

    def forward(self, user_id=None, item_id=None):
        if user_id is None and item_id is None:
            return torch.mm(self.P, self.Q.t())
        if user_id is not None:
            return torch.mm(self.P[[user_id]], self.Q.t())
        if item_id is not None:
            return torch.mm(self.P, self.Q[[item_id]].t())


class WMFTrainer:
    def __init__(self, n_users, n_items, dim=4, weight_alpha=20, l2=1e-2):
        self.net = WeightedMF(n_users, n_items, dim)
        self.weight_alpha = weight_alpha
        self.dim = dim
        self.l2 = l2

    def train_als(self, data):
        model = self.net
        P = model.P.detach()
        Q = model.Q.detach()

        weight_alpha = self.weight_alpha - 1
        # Update P
        lamda_eye = torch.eye(self.dim) * self.l2
        residual = torch.mm(Q.t(), Q) + lamda_eye
        for user, batch_data in enumerate(data):
            x_u = batch_data.view(-1, 1)
            cu = batch_data.numpy() * weight_alpha + 1
            Cu = _array2diag(cu)
            Cu_minusI = _array2diag(cu - 1)
            lhs = torch.mm(Q.t(), Cu_minusI.mm(Q)) + residual
            rhs = torch.mm(Q.t(), Cu.mm(x_u))

            new_p_u = torch.mm(lhs.inverse(), rhs)
            model.P[user] = new_p_u.t()  # expect: GG001  # raises: RuntimeError: a view of a leaf Variable that requires grad is being used in an in-place operation

        # Update Q
        data = data.t()
        residual = torch.mm(P.t(), P) + lamda_eye
        for item, batch_data in enumerate(data):
            x_v = batch_data.view(-1, 1)
            cv = batch_data.numpy() * weight_alpha + 1
            Cv = _array2diag(cv)
            Cv_minusI = _array2diag(cv - 1)
            lhs = torch.mm(P.t(), Cv_minusI.mm(P)) + residual
            rhs = torch.mm(P.t(), Cv.mm(x_v))

            new_q_v = torch.mm(lhs.inverse(), rhs)
            model.Q[item] = new_q_v.t()  # expect: GG001

        return 0


train_data = (torch.rand(6, 10) > 0.7).float()
trainer = WMFTrainer(n_users=6, n_items=10)
for epoch in range(1, 3):
    trainer.train_als(data=train_data)
