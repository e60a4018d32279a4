# case: self-ensembling mean teacher: EMAWeightOptimizer copies (`tgt_p[:] = src_p[:]`) and then mul_/add_ the teacher's state_dict tensors in place after loss.backward() and student_optimizer.step(); teacher params do not require grad; runs cleanly
# source: https://github.com/Britefury/self-ensemble-visual-domain-adapt/issues/12
import torch
import torch.nn as nn
import torch.nn.functional as F


class EMAWeightOptimizer (object):
    def __init__(self, target_net, source_net, alpha=0.999):
        self.target_net = target_net
        self.source_net = source_net
        self.ema_alpha = alpha
        self.target_params = list(target_net.state_dict().values())
        self.source_params = list(source_net.state_dict().values())

        for tgt_p, src_p in zip(self.target_params, self.source_params):
            tgt_p[:] = src_p[:]

        target_keys = set(target_net.state_dict().keys())
        source_keys = set(source_net.state_dict().keys())
        if target_keys != source_keys:
            raise ValueError('Source and target networks do not have the same state dict keys; do they have different architectures?')

    def step(self):
        one_minus_alpha = 1.0 - self.ema_alpha
        for tgt_p, src_p in zip(self.target_params, self.source_params):
            tgt_p.mul_(self.ema_alpha)
            tgt_p.add_(src_p * one_minus_alpha)


class Net(nn.Module):
    def __init__(self, n_classes):
        super().__init__()
        self.conv = nn.Conv2d(1, 4, 3, padding=1)
        self.drop = nn.Dropout(0.5)
        self.fc = nn.Linear(4 * 4 * 4, n_classes)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv(x)), 2)
        return self.fc(self.drop(x.view(x.size(0), -1)))


torch.manual_seed(0)
n_classes = 3
student_net = Net(n_classes)
teacher_net = Net(n_classes)
student_params = list(student_net.parameters())
teacher_params = list(teacher_net.parameters())
for param in teacher_params:
    param.requires_grad = False

student_optimizer = torch.optim.Adam(student_params, lr=0.001)
teacher_optimizer = EMAWeightOptimizer(teacher_net, student_net, alpha=0.99)
classification_criterion = nn.CrossEntropyLoss()
unsup_weight = 3.0
confidence_thresh = 0.3


def f_train(X_src, y_src, X_tgt0, X_tgt1):
    student_optimizer.zero_grad()
    student_net.train(mode=True)
    teacher_net.train(mode=True)

    src_logits_out = student_net(X_src)
    student_tgt_logits_out = student_net(X_tgt0)
    student_tgt_prob_out = F.softmax(student_tgt_logits_out, dim=1)
    teacher_tgt_logits_out = teacher_net(X_tgt1)
    teacher_tgt_prob_out = F.softmax(teacher_tgt_logits_out, dim=1)

    clf_loss = classification_criterion(src_logits_out, y_src)

    conf_tea = torch.max(teacher_tgt_prob_out, 1)[0]
    unsup_mask = torch.gt(conf_tea, confidence_thresh).float()
    d_aug_loss = student_tgt_prob_out - teacher_tgt_prob_out
    aug_loss = torch.mean(d_aug_loss * d_aug_loss, 1)
    unsup_loss = torch.mean(aug_loss * unsup_mask)

    loss_expr = clf_loss + unsup_loss * unsup_weight

    loss_expr.backward()
    student_optimizer.step()
    teacher_optimizer.step()
    return float(clf_loss), float(unsup_loss)


for _ in range(2):
    X_src, y_src = torch.randn(4, 1, 8, 8), torch.randint(0, n_classes, (4,))
    X_tgt = torch.randn(4, 1, 8, 8)
    f_train(X_src, y_src, X_tgt + 0.1 * torch.randn_like(X_tgt), X_tgt + 0.1 * torch.randn_like(X_tgt))
