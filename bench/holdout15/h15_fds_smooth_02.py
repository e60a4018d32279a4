# case: look-alike: the repository's own setting (imdb-wiki-dir / agedb-dir ResNet): the encoding is the flattened output of AdaptiveAvgPool2d, which saves nothing that the masked FDS assignments overwrite (average pooling keeps only its input's shape), so the same in-place FDS.smooth runs and the regressor trains, as the maintainer answered ('our code will not raise this error')
# source: https://github.com/YyzHarry/imbalanced-regression/issues/6
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)


def calibrate_mean_var(matrix, m1, v1, m2, v2, clip_min=0.1, clip_max=10):
    if torch.sum(v1) < 1e-10:
        return matrix
    if (v1 == 0.0).any():
        valid = v1 != 0.0
        factor = torch.clamp(v2[valid] / v1[valid], clip_min, clip_max)
        matrix[:, valid] = (matrix[:, valid] - m1[valid]) * torch.sqrt(factor) + m2[valid]
        return matrix
    factor = torch.clamp(v2 / v1, clip_min, clip_max)
    return (matrix - m1) * torch.sqrt(factor) + m2


class FDS(nn.Module):
    def __init__(self, feature_dim, bucket_num=10, bucket_start=1, start_update=0, start_smooth=1, ks=5, sigma=2, momentum=0.9):
        super().__init__()
        self.feature_dim = feature_dim
        self.bucket_num = bucket_num
        self.bucket_start = bucket_start
        self.kernel_window = self._get_kernel_window(ks, sigma)
        self.half_ks = (ks - 1) // 2
        self.momentum = momentum
        self.start_update = start_update
        self.start_smooth = start_smooth
        n = bucket_num - bucket_start
        self.register_buffer("epoch", torch.zeros(1).fill_(start_update))
        self.register_buffer("running_mean", torch.zeros(n, feature_dim))
        self.register_buffer("running_var", torch.ones(n, feature_dim))
        self.register_buffer("running_mean_last_epoch", torch.zeros(n, feature_dim))
        self.register_buffer("running_var_last_epoch", torch.ones(n, feature_dim))
        self.register_buffer("smoothed_mean_last_epoch", torch.zeros(n, feature_dim))
        self.register_buffer("smoothed_var_last_epoch", torch.ones(n, feature_dim))
        self.register_buffer("num_samples_tracked", torch.zeros(n))

    @staticmethod
    def _get_kernel_window(ks, sigma):
        half_ks = (ks - 1) // 2
        window = torch.tensor([math.exp(-(i * i) / (2 * sigma * sigma)) for i in range(-half_ks, half_ks + 1)])
        return window / window.sum()  # gaussian_filter1d stand-in

    def _update_last_epoch_stats(self):
        self.running_mean_last_epoch = self.running_mean
        self.running_var_last_epoch = self.running_var
        pad = (self.half_ks, self.half_ks)
        self.smoothed_mean_last_epoch = F.conv1d(
            input=F.pad(self.running_mean_last_epoch.unsqueeze(1).permute(2, 1, 0), pad=pad, mode="reflect"),
            weight=self.kernel_window.view(1, 1, -1),
            padding=0,
        ).permute(2, 1, 0).squeeze(1)
        self.smoothed_var_last_epoch = F.conv1d(
            input=F.pad(self.running_var_last_epoch.unsqueeze(1).permute(2, 1, 0), pad=pad, mode="reflect"),
            weight=self.kernel_window.view(1, 1, -1),
            padding=0,
        ).permute(2, 1, 0).squeeze(1)

    def update_last_epoch_stats(self, epoch):
        if epoch == self.epoch + 1:
            self.epoch += 1
            self._update_last_epoch_stats()

    def update_running_stats(self, features, labels, epoch):
        if epoch < self.epoch:
            return
        for label in torch.unique(labels):
            if label > self.bucket_num - 1 or label < self.bucket_start:
                continue
            elif label == self.bucket_start:
                curr_feats = features[labels <= label]
            elif label == self.bucket_num - 1:
                curr_feats = features[labels >= label]
            else:
                curr_feats = features[labels == label]
            curr_num_sample = curr_feats.size(0)
            curr_mean = torch.mean(curr_feats, 0)
            curr_var = torch.var(curr_feats, 0, unbiased=curr_feats.size(0) != 1)
            i = int(label - self.bucket_start)
            self.num_samples_tracked[i] += curr_num_sample
            factor = 0 if epoch == self.start_update else self.momentum
            self.running_mean[i] = (1 - factor) * curr_mean + factor * self.running_mean[i]
            self.running_var[i] = (1 - factor) * curr_var + factor * self.running_var[i]

    def smooth(self, features, labels, epoch):
        if epoch < self.start_smooth:
            return features
        labels = labels.squeeze(1)
        for label in torch.unique(labels):
            if label > self.bucket_num - 1 or label < self.bucket_start:
                continue
            i = int(label - self.bucket_start)
            stats = (self.running_mean_last_epoch[i], self.running_var_last_epoch[i], self.smoothed_mean_last_epoch[i], self.smoothed_var_last_epoch[i])
            if label == self.bucket_start:
                features[labels <= label] = calibrate_mean_var(features[labels <= label], *stats)
            elif label == self.bucket_num - 1:
                features[labels >= label] = calibrate_mean_var(features[labels >= label], *stats)
            else:
                features[labels == label] = calibrate_mean_var(features[labels == label], *stats)
        return features


class BasicBlock(nn.Module):
    expansion = 1

    def __init__(self, inplanes, planes, stride=1, downsample=None):
        super().__init__()
        self.conv1 = nn.Conv2d(inplanes, planes, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.relu = nn.ReLU(inplace=True)
        self.conv2 = nn.Conv2d(planes, planes, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.downsample = downsample

    def forward(self, x):
        residual = x
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        if self.downsample is not None:
            residual = self.downsample(x)
        out += residual
        return self.relu(out)


class ResNet(nn.Module):
    def __init__(self, block, layers, fds=True, start_smooth=1, dropout=False):
        super().__init__()
        self.inplanes = 8
        self.conv1 = nn.Conv2d(3, 8, kernel_size=3, stride=1, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(8)
        self.relu = nn.ReLU(inplace=True)
        self.layer1 = self._make_layer(block, 8, layers[0])
        self.layer2 = self._make_layer(block, 8, layers[1], stride=2)
        self.avgpool = nn.AdaptiveAvgPool2d(1)
        self.linear = nn.Linear(8 * block.expansion, 1)
        self.fds = fds
        self.start_smooth = start_smooth
        if fds:
            self.FDS = FDS(feature_dim=8 * block.expansion, start_smooth=start_smooth)
        self.use_dropout = dropout
        if self.use_dropout:
            self.dropout = nn.Dropout(p=0.5)

    def _make_layer(self, block, planes, blocks, stride=1):
        downsample = None
        if stride != 1 or self.inplanes != planes * block.expansion:
            downsample = nn.Sequential(
                nn.Conv2d(self.inplanes, planes * block.expansion, kernel_size=1, stride=stride, bias=False),
                nn.BatchNorm2d(planes * block.expansion),
            )
        layers = [block(self.inplanes, planes, stride, downsample)]
        self.inplanes = planes * block.expansion
        layers += [block(self.inplanes, planes) for _ in range(1, blocks)]
        return nn.Sequential(*layers)

    def forward(self, x, targets=None, epoch=None):
        x = self.relu(self.bn1(self.conv1(x)))
        x = self.layer2(self.layer1(x))
        x = self.avgpool(x)
        encoding = x.view(x.size(0), -1)
        encoding_s = encoding
        if self.training and self.fds and epoch >= self.start_smooth:
            encoding_s = self.FDS.smooth(encoding_s, targets, epoch)
        if self.use_dropout:
            encoding_s = self.dropout(encoding_s)
        x = self.linear(encoding_s)
        if self.training and self.fds:
            return x, encoding
        return x


def make_loader(n=48):
    x = torch.randn(n, 3, 8, 8)
    y = torch.arange(n).remainder(10).float().unsqueeze(1)  # integer ages 0..9 (bucket 0 below bucket_start)
    x[:, 0] += 0.1 * y[:, 0].view(-1, 1, 1)
    return torch.utils.data.DataLoader(torch.utils.data.TensorDataset(x, y), batch_size=24, shuffle=True)


model = ResNet(BasicBlock, [1, 1])
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
train_loader = make_loader()

for epoch in range(2):
    model.train()
    for inputs, targets in train_loader:
        outputs, _ = model(inputs, targets, epoch)
        loss = F.mse_loss(outputs, targets)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()

    # collect the epoch's features and update the FDS statistics
    encodings, labels = [], []
    with torch.no_grad():
        for inputs, targets in train_loader:
            _, feature = model(inputs, targets, epoch)
            encodings.append(feature)
            labels.append(targets)
    model.FDS.update_last_epoch_stats(epoch)
    model.FDS.update_running_stats(torch.cat(encodings), torch.cat(labels).squeeze(1), epoch)
