# case: look-alike: the unchanged landmark loss (four in-place slice writes into the view ps[:, 5:13]) for a single-class plate detector (model.nc == 1, as for the repository's face-style one-class setups): the class loss branch is skipped, nothing saved ps or a view of it, and the detector trains
# source: https://github.com/we0091234/Chinese_license_plate_detection_recognition/issues/33
import math
from types import SimpleNamespace

import numpy as np
import torch
import torch.nn as nn

torch.manual_seed(0)


def bbox_iou(box1, box2, x1y1x2y2=True, CIoU=False, eps=1e-9):
    box2 = box2.T
    b1_x1, b1_x2 = box1[0] - box1[2] / 2, box1[0] + box1[2] / 2
    b1_y1, b1_y2 = box1[1] - box1[3] / 2, box1[1] + box1[3] / 2
    b2_x1, b2_x2 = box2[0] - box2[2] / 2, box2[0] + box2[2] / 2
    b2_y1, b2_y2 = box2[1] - box2[3] / 2, box2[1] + box2[3] / 2
    inter = (torch.min(b1_x2, b2_x2) - torch.max(b1_x1, b2_x1)).clamp(0) * (torch.min(b1_y2, b2_y2) - torch.max(b1_y1, b2_y1)).clamp(0)
    w1, h1 = b1_x2 - b1_x1, b1_y2 - b1_y1 + eps
    w2, h2 = b2_x2 - b2_x1, b2_y2 - b2_y1 + eps
    union = w1 * h1 + w2 * h2 - inter + eps
    iou = inter / union
    cw = torch.max(b1_x2, b2_x2) - torch.min(b1_x1, b2_x1)
    ch = torch.max(b1_y2, b2_y2) - torch.min(b1_y1, b2_y1)
    c2 = cw**2 + ch**2 + eps
    rho2 = ((b2_x1 + b2_x2 - b1_x1 - b1_x2) ** 2 + (b2_y1 + b2_y2 - b1_y1 - b1_y2) ** 2) / 4
    v = (4 / math.pi**2) * torch.pow(torch.atan(w2 / h2) - torch.atan(w1 / h1), 2)
    with torch.no_grad():
        alpha = v / ((1 + eps) - iou + v)
    return iou - (rho2 / c2 + v * alpha)


class WingLoss(nn.Module):
    def __init__(self, w=10, e=2):
        super().__init__()
        self.w, self.e = w, e
        self.C = self.w - self.w * np.log(1 + self.w / self.e)

    def forward(self, x, t, sigma=1):
        weight = torch.ones_like(t)
        weight[torch.where(t == -1)] = 0
        abs_diff = (weight * (x - t)).abs()
        flag = (abs_diff.data < self.w).float()
        y = flag * self.w * torch.log(1 + abs_diff / self.e) + (1 - flag) * (abs_diff - self.C)
        return y.sum()


class LandmarksLoss(nn.Module):
    def __init__(self, alpha=1.0):
        super().__init__()
        self.loss_fcn, self.alpha = WingLoss(), alpha

    def forward(self, pred, truel, mask):
        return self.loss_fcn(pred * mask, truel * mask) / (torch.sum(mask) + 10e-14)


def build_targets(p, targets, model):
    """Stand-in for the anchor matching: one anchor/cell per target, landmarks relative to the cell."""
    tcls, tbox, indices, anch, landmarks, lmks_mask = [], [], [], [], [], []
    for i in range(len(p)):
        b, c = targets[:, 0].long(), targets[:, 1].long()
        gxy, gwh = targets[:, 2:4] * p[i].shape[2], targets[:, 4:6] * p[i].shape[2]
        gij = gxy.long()
        gi, gj = gij.T
        a = torch.zeros_like(b)
        indices.append((b, a, gj.clamp_(0, p[i].shape[2] - 1), gi.clamp_(0, p[i].shape[3] - 1)))
        tbox.append(torch.cat((gxy - gij, gwh), 1))
        anch.append(model.anchors[i][a])
        tcls.append(c)
        lks = targets[:, 6:14] * p[i].shape[2] - gij.repeat(1, 4)
        landmarks.append(lks / model.anchors[i][a].repeat(1, 4))
        lmks_mask.append(torch.ones_like(lks))
    return tcls, tbox, indices, anch, landmarks, lmks_mask


def compute_loss(p, targets, model):
    lcls, lbox, lobj, lmark = torch.zeros(1), torch.zeros(1), torch.zeros(1), torch.zeros(1)
    tcls, tbox, indices, anchors, tlandmarks, lmks_mask = build_targets(p, targets, model)
    h = model.hyp
    BCEcls = nn.BCEWithLogitsLoss(pos_weight=torch.tensor([h["cls_pw"]]))
    BCEobj = nn.BCEWithLogitsLoss(pos_weight=torch.tensor([h["obj_pw"]]))
    landmarks_loss = LandmarksLoss(1.0)
    cp, cn = 1.0, 0.0
    balance = [4.0, 1.0, 0.4]
    for i, pi in enumerate(p):
        b, a, gj, gi = indices[i]
        tobj = torch.zeros_like(pi[..., 0])
        n = b.shape[0]
        if n:
            ps = pi[b, a, gj, gi]
            pxy = ps[:, :2].sigmoid() * 2.0 - 0.5
            pwh = (ps[:, 2:4].sigmoid() * 2) ** 2 * anchors[i]
            iou = bbox_iou(torch.cat((pxy, pwh), 1).T, tbox[i], x1y1x2y2=False, CIoU=True)
            lbox += (1.0 - iou).mean()
            tobj[b, a, gj, gi] = (1.0 - model.gr) + model.gr * iou.detach().clamp(0).type(tobj.dtype)
            if model.nc > 1:
                t = torch.full_like(ps[:, 13:], cn)
                t[range(n), tcls[i]] = cp
                lcls += BCEcls(ps[:, 13:], t)
            plandmarks = ps[:, 5:13]
            plandmarks[:, 0:2] = plandmarks[:, 0:2] * anchors[i]
            plandmarks[:, 2:4] = plandmarks[:, 2:4] * anchors[i]
            plandmarks[:, 4:6] = plandmarks[:, 4:6] * anchors[i]
            plandmarks[:, 6:8] = plandmarks[:, 6:8] * anchors[i]
            lmark += landmarks_loss(plandmarks, tlandmarks[i], lmks_mask[i])
        lobj += BCEobj(pi[..., 4], tobj) * balance[i]
    lbox *= h["box"]
    lobj *= h["obj"]
    lcls *= h["cls"]
    lmark *= h["landmark"]
    bs = tobj.shape[0]
    loss = lbox + lobj + lcls + lmark
    return loss * bs, torch.cat((lbox, lobj, lcls, lmark, loss)).detach()


class PlateDetector(nn.Module):
    def __init__(self, nc=2, na=1):
        super().__init__()
        self.nc, self.na, self.no = nc, na, 5 + 8 + nc
        self.backbone = nn.Sequential(nn.Conv2d(3, 8, 3, 2, 1), nn.SiLU(), nn.Conv2d(8, 16, 3, 2, 1), nn.SiLU())
        self.m = nn.Conv2d(16, self.no * self.na, 1)
        self.register_buffer("anchors", torch.tensor([[[1.5, 0.6]]]))
        self.hyp = {"box": 0.05, "cls": 0.5, "landmark": 0.005, "cls_pw": 1.0, "obj": 1.0, "obj_pw": 1.0, "fl_gamma": 0.0}
        self.gr = 1.0

    def forward(self, x):
        y = self.m(self.backbone(x))
        bs, _, ny, nx = y.shape
        return [y.view(bs, self.na, self.no, ny, nx).permute(0, 1, 3, 4, 2).contiguous()]


opt = SimpleNamespace(img_size=16, batch_size=2, lr0=0.01, momentum=0.937)
model = PlateDetector(nc=1)
optimizer = torch.optim.SGD(model.parameters(), lr=opt.lr0, momentum=opt.momentum, nesterov=True)
dataloader = [(torch.rand(opt.batch_size, 3, opt.img_size, opt.img_size), torch.cat([torch.tensor([[0.0, 0.0], [1.0, 0.0]]), torch.rand(2, 12) * 0.8 + 0.1], 1)) for _ in range(2)]
for i, (imgs, targets) in enumerate(dataloader):
    pred = model(imgs)
    loss, loss_items = compute_loss(pred, targets, model)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
