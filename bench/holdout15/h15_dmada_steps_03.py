# case: look-alike: RevGrad (DANN) with feature-level domain mixup from the same repository: one network with a gradient-reversal autograd Function whose forward returns x.view_as(x), in-place ReLUs in the feature extractor and classifiers, and a single optimizer stepped once after the summed label and domain losses; the reversed view is only read by a Linear and nothing is stepped between backward passes
# source: https://github.com/ChrisAllenMing/Mixup_for_UDA/blob/master/Mixup_RevGrad/RevGrad_mixup.py
import numpy as np
import torch
import torch.nn as nn

torch.manual_seed(0)
np.random.seed(0)


class ReverseLayerF(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, alpha):
        ctx.alpha = alpha
        return x.view_as(x)

    @staticmethod
    def backward(ctx, grad_output):
        return grad_output.neg() * ctx.alpha, None


class RevGrad(nn.Module):
    def __init__(self, num_classes=10, c1=16, c2=12, hidden=32):
        super().__init__()
        self.c2 = c2
        self.feature = nn.Sequential(
            nn.Conv2d(3, c1, kernel_size=5),
            nn.BatchNorm2d(c1),
            nn.MaxPool2d(2),
            nn.ReLU(True),
            nn.Conv2d(c1, c2, kernel_size=5),
            nn.BatchNorm2d(c2),
            nn.Dropout2d(),
            nn.MaxPool2d(2),
            nn.ReLU(True),
        )
        self.class_classifier = nn.Sequential(
            nn.Linear(c2 * 4 * 4, hidden),
            nn.BatchNorm1d(hidden),
            nn.ReLU(True),
            nn.Dropout(),
            nn.Linear(hidden, hidden),
            nn.BatchNorm1d(hidden),
            nn.ReLU(True),
            nn.Linear(hidden, num_classes),
        )
        self.domain_classifier = nn.Sequential(
            nn.Linear(c2 * 4 * 4, hidden),
            nn.BatchNorm1d(hidden),
            nn.ReLU(True),
            nn.Linear(hidden, 2),
        )

    def forward(self, input_data, alpha):
        input_data = input_data.expand(len(input_data), 3, 28, 28)
        feature = self.feature(input_data)
        feature = feature.view(-1, self.c2 * 4 * 4)
        reverse_feature = ReverseLayerF.apply(feature, alpha)
        class_output = self.class_classifier(feature)
        domain_output = self.domain_classifier(reverse_feature)
        return feature, class_output, domain_output


def train(epoch, model, source_loader, target_loader, epochs, batch_size, mix_alpha=2.0, clip_thr=0.3, mix_weight=1.0):
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_class = nn.CrossEntropyLoss()
    loss_domain = nn.CrossEntropyLoss()
    dlabel_src = torch.ones(batch_size).long()
    dlabel_tgt = torch.zeros(batch_size).long()
    len_source_loader = len(source_loader)
    target_iter = iter(target_loader)
    model.train()
    for i, (source_data, source_label) in enumerate(source_loader, start=1):
        p = float(i + epoch * len_source_loader) / epochs / len_source_loader
        alpha = 2.0 / (1.0 + np.exp(-10 * p)) - 1

        emb_src, clabel_src, dlabel_pred_src = model(source_data, alpha=alpha)
        label_loss = loss_class(clabel_src, source_label)
        domain_loss_src = loss_domain(dlabel_pred_src, dlabel_src)

        target_data, _ = next(target_iter)
        emb_tgt, clabel_tgt, dlabel_pred_tgt = model(target_data, alpha=alpha)
        domain_loss_tgt = loss_domain(dlabel_pred_tgt, dlabel_tgt)

        mix_ratio = round(float(np.random.beta(mix_alpha, mix_alpha)), 2)
        if 0.5 <= mix_ratio < 0.5 + clip_thr:
            mix_ratio = 0.5 + clip_thr
        if 0.5 - clip_thr < mix_ratio < 0.5:
            mix_ratio = 0.5 - clip_thr
        dlabel_mix = (torch.ones(batch_size) * mix_ratio).long()
        emb_mix = mix_ratio * emb_src + (1 - mix_ratio) * emb_tgt
        reverse_emb_mix = ReverseLayerF.apply(emb_mix, alpha)
        dlabel_pred_mix = model.domain_classifier(reverse_emb_mix)
        domain_loss_mix = loss_domain(dlabel_pred_mix, dlabel_mix)

        loss_total = label_loss + domain_loss_src + domain_loss_tgt + domain_loss_mix * mix_weight
        optimizer.zero_grad()
        loss_total.backward()
        optimizer.step()
    return loss_total.item()


def mnist_like(n, seed):
    g = torch.Generator().manual_seed(seed)
    return torch.utils.data.TensorDataset(torch.rand(n, 1, 28, 28, generator=g), torch.randint(0, 10, (n,), generator=g))


batch_size = 8
source_loader = torch.utils.data.DataLoader(mnist_like(24, 1), batch_size=batch_size, drop_last=True)
target_loader = torch.utils.data.DataLoader(mnist_like(24, 2), batch_size=batch_size, drop_last=True)
model = RevGrad(num_classes=10)
for epoch in range(2):
    print(train(epoch, model, source_loader, target_loader, epochs=2, batch_size=batch_size))
