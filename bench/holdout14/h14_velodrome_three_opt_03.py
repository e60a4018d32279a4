# case: alternative fix of the Velodrome train() step (ours) that keeps one loss per optimiser: each loss is backpropagated only into its own parameter group (backward(inputs=...)) and all three backward passes run before opt, opt1 and opt2 step
# source: https://github.com/hosseinshn/Velodrome/issues/1
from itertools import cycle
from types import SimpleNamespace

import numpy as np
import torch
import torch.nn as nn

torch.manual_seed(0)


def Network(args, X):
    IE_dim = X.shape[1]

    class Net1(nn.Module):
        def __init__(self, args):
            super().__init__()
            self.features = nn.Sequential(nn.Linear(IE_dim, 32), nn.BatchNorm1d(32), nn.ReLU(), nn.Dropout(args.ldr), nn.Linear(32, 16), nn.Sigmoid())

        def forward(self, x):
            return self.features(x)

    class Net2(nn.Module):
        def __init__(self, args):
            super().__init__()
            self.features = nn.Sequential(nn.Linear(IE_dim, 16), nn.BatchNorm1d(16), nn.ReLU(), nn.Dropout(args.ldr), nn.Linear(16, 16), nn.Sigmoid())

        def forward(self, x):
            return self.features(x)

    if args.hd == 1:
        Model = Net1(args)
    elif args.hd == 2:
        Model = Net2(args)

    class Pred(nn.Module):
        def __init__(self, args):
            super().__init__()
            dim = 16
            self.pred = nn.Sequential(nn.Linear(dim, 1))

        def forward(self, x):
            return self.pred(x)

    torch.manual_seed(args.seed)
    Predict_1 = Pred(args)
    torch.manual_seed(args.seed * 2)
    Predict_2 = Pred(args)
    torch.manual_seed(args.seed)
    return Model, Predict_1, Predict_2


def pearsonr(a, b):  # scipy.stats.pearsonr stand-in
    return np.corrcoef(a, b)[0, 1], None


def compute_covariance(input_data):
    n = input_data.size(0)
    id_row = torch.ones(n).resize(1, n)
    sum_column = torch.mm(id_row, input_data)
    mean_column = torch.div(sum_column, n)
    term_mul_2 = torch.mm(mean_column.t(), mean_column)
    d_t_d = torch.mm(input_data.t(), input_data)
    return torch.add(d_t_d, (-1 * term_mul_2)) * 1 / (n - 1)


def coral(source, target):
    source_c = compute_covariance(source)
    target_c = compute_covariance(target)
    return torch.sum(torch.mul((source_c - target_c), (source_c - target_c)))


def train(args, Model, Predict_1, Predict_2, loss, opt, opt1, opt2, DataLoader_Tr1, DataLoader_Tr2, DataULoader_Tr):
    pred_cost, coral_cost, con_cost, epoch_PR1, epoch_PR2 = [], [], [], [], []
    Model.train()
    Predict_1.train()
    Predict_2.train()
    for i, data in enumerate(zip(DataLoader_Tr1, cycle(DataLoader_Tr2))):
        xs1, ys1 = data[0][0], data[0][1].view(-1, 1)
        xs2, ys2 = data[1][0], data[1][1].view(-1, 1)
        fx_1 = Model(xs1)
        fx_2 = Model(xs2)
        pred_1 = Predict_1(fx_1)
        pred_2 = Predict_2(fx_2)
        ls1 = loss(pred_1, ys1)
        ls2 = loss(pred_2, ys2)
        ls = torch.sum(torch.stack([ls1, ls2]))
        opt.zero_grad()
        opt1.zero_grad()
        opt2.zero_grad()
        ls.backward(inputs=list(Model.parameters()), retain_graph=True)
        ls1.backward(inputs=list(Predict_1.parameters()), retain_graph=True)
        ls2.backward(inputs=list(Predict_2.parameters()))
        opt.step()
        opt1.step()
        opt2.step()

    for i, data in enumerate(zip(cycle(DataLoader_Tr1), cycle(DataLoader_Tr2), DataULoader_Tr)):
        xs1, ys1 = data[0][0], data[0][1].view(-1, 1)
        xs2, ys2 = data[1][0], data[1][1].view(-1, 1)
        xsu = data[2][0]
        fx_1 = Model(xs1)
        fx_2 = Model(xs2)
        pred_1 = Predict_1(fx_1)
        pred_2 = Predict_2(fx_2)
        ls1 = loss(pred_1, ys1)
        ls2 = loss(pred_2, ys2)
        fx_u = Model(xsu)
        coral_loss = args.lam1 * (coral(fx_1, fx_u) + coral(fx_2, fx_u))
        pred_1u = Predict_1(fx_u)
        pred_2u = Predict_2(fx_u)
        con_loss = args.lam2 * loss(pred_1u, pred_2u)
        ls_opt = torch.sum(torch.stack([ls1, ls2, con_loss, coral_loss]))
        ls_opt1 = torch.sum(torch.stack([ls1, con_loss]))
        ls_opt2 = torch.sum(torch.stack([ls2, con_loss]))
        opt.zero_grad()
        opt1.zero_grad()
        opt2.zero_grad()
        ls_opt.backward(inputs=list(Model.parameters()), retain_graph=True)
        ls_opt1.backward(inputs=list(Predict_1.parameters()), retain_graph=True)
        ls_opt2.backward(inputs=list(Predict_2.parameters()))
        opt.step()
        opt1.step()
        opt2.step()
        r1_train, _ = pearsonr(pred_1.detach().numpy().flatten(), ys1.detach().numpy().flatten())
        r2_train, _ = pearsonr(pred_2.detach().numpy().flatten(), ys2.detach().numpy().flatten())
        pred_cost.append(ls1.item() + ls2.item())
        coral_cost.append(coral_loss.item())
        con_cost.append(con_loss.item())
        epoch_PR1.append(r1_train)
        epoch_PR2.append(r2_train)
    return np.mean(pred_cost), np.mean(coral_cost), np.mean(con_cost), np.mean(epoch_PR1), np.mean(epoch_PR2)


args = SimpleNamespace(hd=2, ldr=0.1, seed=42, lr=1e-3, lr1=1e-3, lr2=1e-3, wd=1e-4, wd1=1e-4, wd2=1e-4, lam1=0.2, lam2=0.1, bs=6)
X1_train_N = np.random.RandomState(0).randn(12, 10).astype("float32")
trainLoader_1 = [(torch.randn(args.bs, 10), torch.rand(args.bs)) for _ in range(2)]  # GDSC cell lines
trainLoader_2 = [(torch.randn(args.bs, 10), torch.rand(args.bs)) for _ in range(2)]  # CTRP cell lines
trainULoader = [(torch.randn(args.bs, 10),) for _ in range(2)]  # unlabelled patients
Model, Predict_1, Predict_2 = Network(args, X1_train_N)
loss_fun = torch.nn.MSELoss()
opt = torch.optim.Adagrad(Model.parameters(), lr=args.lr, weight_decay=args.wd)
opt1 = torch.optim.Adagrad(Predict_1.parameters(), lr=args.lr1, weight_decay=args.wd1)
opt2 = torch.optim.Adagrad(Predict_2.parameters(), lr=args.lr2, weight_decay=args.wd2)
for ite in range(2):
    pred_loss, coral_loss, con_loss, epoch_pr1, epoch_pr2 = train(args, Model, Predict_1, Predict_2, loss_fun, opt, opt1, opt2, trainLoader_1, trainLoader_2, trainULoader)
