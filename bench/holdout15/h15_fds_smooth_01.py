# case: Feature Distribution Smoothing (FDS, imbalanced regression) added to a user's MLP regressor as in the issue: the encoder ends in a ReLU, and from start_smooth on FDS.smooth recalibrates the features bucket by bucket with masked assignments (features[labels == label] = calibrate_mean_var(...)) into that ReLU output, which ReLU saved for its backward
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
                features[labels <= label] = calibrate_mean_var(features[labels <= label], *stats)  # expect: GG002
            elif label == self.bucket_num - 1:
                features[labels >= label] = calibrate_mean_var(features[labels >= label], *stats)  # expect: GG002
            else:
                features[labels == label] = calibrate_mean_var(features[labels == label], *stats)  # expect: GG002
        return features


class MLP(nn.Module):
    def __init__(self, input_dim, output_dim, hidden_dim, fds=True, start_smooth=1):
        super().__init__()
        self.fc1 = nn.Linear(input_dim, hidden_dim)
        self.fc2 = nn.Linear(hidden_dim, hidden_dim)
        self.regressor = nn.Linear(hidden_dim, output_dim)
        self.fds = fds
        self.start_smooth = start_smooth
        if fds:
            self.FDS = FDS(feature_dim=hidden_dim, start_smooth=start_smooth)

    def forward(self, x, targets=None, epoch=None):
        h = F.relu(self.fc1(x))
        encoding = F.relu(self.fc2(h))  # saver
        encoding_s = encoding
        if self.training and self.fds and epoch >= self.start_smooth:
            encoding_s = self.FDS.smooth(encoding_s, targets, epoch)
        x = self.regressor(encoding_s)
        if self.training and self.fds:
            return x, encoding
        return x


def make_loader(n=48, input_dim=6):
    x = torch.randn(n, input_dim)
    y = torch.arange(n).remainder(10).float().unsqueeze(1)  # integer targets 0..9 (bucket 0 below bucket_start)
    x[:, 0] += 0.3 * y[:, 0]
    return torch.utils.data.DataLoader(torch.utils.data.TensorDataset(x, y), batch_size=24, shuffle=True)


model = MLP(input_dim=6, output_dim=1, hidden_dim=8)
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
train_loader = make_loader()

for epoch in range(2):
    model.train()
    for inputs, targets in train_loader:
        outputs, _ = model(inputs, targets, epoch)
        loss = F.mse_loss(outputs, targets)
        optimizer.zero_grad()
        loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
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
