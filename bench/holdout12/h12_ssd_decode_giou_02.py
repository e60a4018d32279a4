# case: look-alike from the same SSD repo: the label-smoothing branch of the multibox loss builds soft targets from a clone of the graph-attached class scores with a chain of in-place ops (batch_conf.clone().zero_().scatter_(...), then label[:, 1:][pos] += label_neg) and the GIoU term decodes with in-place slice updates; the clone, the scattered targets and the decoded boxes are never saved before being written, so training runs
# source: https://github.com/dlyldxwl/Stronger-One-stage-detector-with-much-Tricks/issues/1
import torch
import torch.nn as nn

torch.manual_seed(0)


def point_form(boxes):
    return torch.cat((boxes[:, :2] - boxes[:, 2:] / 2, boxes[:, :2] + boxes[:, 2:] / 2), 1)


def intersect(box_a, box_b):
    A, B = box_a.size(0), box_b.size(0)
    max_xy = torch.min(box_a[:, 2:].unsqueeze(1).expand(A, B, 2), box_b[:, 2:].unsqueeze(0).expand(A, B, 2))
    min_xy = torch.max(box_a[:, :2].unsqueeze(1).expand(A, B, 2), box_b[:, :2].unsqueeze(0).expand(A, B, 2))
    inter = torch.clamp((max_xy - min_xy), min=0)
    return inter[:, :, 0] * inter[:, :, 1]


def jaccard(box_a, box_b):
    inter = intersect(box_a, box_b)
    area_a = ((box_a[:, 2] - box_a[:, 0]) * (box_a[:, 3] - box_a[:, 1])).unsqueeze(1).expand_as(inter)
    area_b = ((box_b[:, 2] - box_b[:, 0]) * (box_b[:, 3] - box_b[:, 1])).unsqueeze(0).expand_as(inter)
    return inter / (area_a + area_b - inter)


def match(threshold, truths, priors, labels, loc_t, conf_t, idx):
    overlaps = jaccard(truths, point_form(priors))
    best_prior_overlap, best_prior_idx = overlaps.max(1)
    best_truth_overlap, best_truth_idx = overlaps.max(0)
    best_truth_overlap.index_fill_(0, best_prior_idx, 2)
    for j in range(best_prior_idx.size(0)):
        best_truth_idx[best_prior_idx[j]] = j
    conf = labels[best_truth_idx] + 1
    conf[best_truth_overlap < threshold] = 0
    loc_t[idx] = truths[best_truth_idx]
    conf_t[idx] = conf


def decode(loc, priors, variances):
    boxes = torch.cat((priors[:, :2] + loc[:, :2] * variances[0] * priors[:, 2:], priors[:, 2:] * torch.exp(loc[:, 2:] * variances[1])), 1)
    boxes[:, :2] -= boxes[:, 2:] / 2
    boxes[:, 2:] += boxes[:, :2]
    return boxes


def log_sum_exp(x, label_smooth=False):
    x_max = x.data.max()
    if label_smooth:
        return torch.log(torch.sum(torch.exp(x - x_max), 1, keepdim=True)) + x_max - x
    return torch.log(torch.sum(torch.exp(x - x_max), 1, keepdim=True)) + x_max


class GIoUloss(nn.Module):
    def _GIoU(self, p, g):
        areas_p = (p[:, 2] - p[:, 0]) * (p[:, 3] - p[:, 1])
        areas_g = (g[:, 2] - g[:, 0]) * (g[:, 3] - g[:, 1])
        inter = torch.clamp(torch.min(p[:, 2:], g[:, 2:]) - torch.max(p[:, :2], g[:, :2]), min=0)
        area_inter = inter[:, 0] * inter[:, 1]
        total = torch.max(p[:, 2:], g[:, 2:]) - torch.min(p[:, :2], g[:, :2])
        area_total = total[:, 0] * total[:, 1]
        uni = areas_g + areas_p - area_inter
        return area_inter / uni - (area_total - uni) / area_total

    def forward(self, predict, priors, target, variance=(0.1, 0.2)):
        p = decode(predict, priors, variance)
        p_n = torch.stack([torch.min(p[:, 0], p[:, 2]), torch.min(p[:, 1], p[:, 3]), torch.max(p[:, 0], p[:, 2]), torch.max(p[:, 1], p[:, 3])], 1)
        return (1 - self._GIoU(p_n, target)).sum()


class MultiBoxLoss(nn.Module):
    def __init__(self, num_classes, overlap_thresh=0.5, neg_pos=3, label_smooth=True):
        super().__init__()
        self.num_classes, self.threshold, self.negpos_ratio = num_classes, overlap_thresh, neg_pos
        self.label_smooth = label_smooth
        self.label_pos, self.label_neg = 0.9, 0.1 / (num_classes - 1)

    def forward(self, predictions, priors, targets):
        loc_data, conf_data = predictions
        num, num_priors = loc_data.size(0), priors.size(0)
        loc_t = torch.zeros(num, num_priors, 4)
        conf_t = torch.zeros(num, num_priors, dtype=torch.long)
        for idx in range(num):
            match(self.threshold, targets[idx][:, :-1], priors, targets[idx][:, -1].long(), loc_t, conf_t, idx)
        pos = conf_t > 0
        pos_idx = pos.unsqueeze(pos.dim()).expand_as(loc_data)
        loc_p = loc_data[pos_idx].view(-1, 4)
        prior_giou = priors.unsqueeze(0).expand(num, num_priors, 4)[pos_idx].view(-1, 4)
        loss_l = GIoUloss()(loc_p, prior_giou, loc_t[pos_idx].view(-1, 4))

        batch_conf = conf_data.view(-1, self.num_classes)
        loss_c = log_sum_exp(batch_conf) - batch_conf.gather(1, conf_t.view(-1, 1))
        loss_c[pos.view(-1, 1)] = 0
        loss_c = loss_c.view(num, -1)
        _, loss_idx = loss_c.sort(1, descending=True)
        _, idx_rank = loss_idx.sort(1)
        num_pos = pos.long().sum(1, keepdim=True)
        num_neg = torch.clamp(self.negpos_ratio * num_pos, max=pos.size(1) - 1)
        neg = idx_rank < num_neg.expand_as(idx_rank)
        pos_idx = pos.unsqueeze(2).expand_as(conf_data)
        neg_idx = neg.unsqueeze(2).expand_as(conf_data)
        conf_p = conf_data[(pos_idx + neg_idx).gt(0)].view(-1, self.num_classes)
        if self.label_smooth:
            p = conf_t.clone().view(-1, 1).float()
            lp = torch.where(p < 1, p + 1, torch.tensor(self.label_pos))
            label = batch_conf.clone().zero_().scatter_(1, conf_t.view(-1, 1), lp)
            label[:, 1:][pos.clone().view(-1, 1).flatten()] += self.label_neg
            label_ohem = (pos + neg).view(-1, 1).expand_as(batch_conf)
            targets_weighted = label[label_ohem.gt(0)].view(-1, self.num_classes)
            loss_c = (log_sum_exp(conf_p, label_smooth=True) * targets_weighted).sum()
        else:
            targets_weighted = conf_t[(pos + neg).gt(0)]
            loss_c = (log_sum_exp(conf_p) - conf_p.gather(1, targets_weighted.view(-1, 1))).sum()
        N = max(num_pos.data.sum().float(), 1)
        return loss_l / N, loss_c / N


class TinySSD(nn.Module):
    def __init__(self, num_classes=3, num_anchors=2):
        super().__init__()
        self.num_classes = num_classes
        self.base = nn.Sequential(nn.Conv2d(3, 8, 3, stride=2, padding=1), nn.ReLU(inplace=True), nn.Conv2d(8, 8, 3, stride=2, padding=1), nn.ReLU(inplace=True))
        self.loc = nn.Conv2d(8, num_anchors * 4, 3, padding=1)
        self.conf = nn.Conv2d(8, num_anchors * num_classes, 3, padding=1)

    def forward(self, x):
        f = self.base(x)
        loc = self.loc(f).permute(0, 2, 3, 1).contiguous().view(x.size(0), -1, 4)
        conf = self.conf(f).permute(0, 2, 3, 1).contiguous().view(x.size(0), -1, self.num_classes)
        return loc, conf


def prior_box(fmap=4, sizes=(0.3, 0.5)):
    priors = []
    for i in range(fmap):
        for j in range(fmap):
            for s in sizes:
                priors.append([(j + 0.5) / fmap, (i + 0.5) / fmap, s, s])
    return torch.tensor(priors)


net = TinySSD()
priors = prior_box()
criterion = MultiBoxLoss(num_classes=3)
optimizer = torch.optim.SGD(net.parameters(), lr=1e-3, momentum=0.9, weight_decay=5e-4)
images = torch.randn(2, 3, 16, 16)
targets = [torch.tensor([[0.1, 0.1, 0.45, 0.5, 0.0], [0.5, 0.4, 0.9, 0.95, 1.0]]), torch.tensor([[0.2, 0.3, 0.7, 0.8, 1.0]])]
for iteration in range(3):
    out = net(images)
    optimizer.zero_grad()
    loss_l, loss_c = criterion(out, priors, targets)
    loss = loss_l + loss_c
    loss.backward()
    optimizer.step()
    print(iteration, loss_l.item(), loss_c.item())
