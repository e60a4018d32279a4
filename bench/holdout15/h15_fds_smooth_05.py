# case: variant written for the set: the same NYUDv2 depth model trained in channels_last memory format (model and images converted with memory_format=torch.channels_last for speed); R's ReLU output is then already laid out as N, H, W, C, so permute(0, 2, 3, 1).contiguous() returns a view of it instead of a copy, and the per-depth-bucket masked assignments of FDS.smooth write into the tensor that ReLU saved
# source: https://github.com/YyzHarry/imbalanced-regression/issues/6
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)


def calibrate_mean_var(matrix, m1, v1, m2, v2, clip_min=0.2, clip_max=5.0):
    if torch.sum(v1) < 1e-10:
        return matrix
    if (v1 <= 0.0).any() or (v2 < 0.0).any():
        valid_pos = ((v1 > 0.0) + (v2 >= 0.0)) == 2
        factor = torch.clamp(v2[valid_pos] / v1[valid_pos], clip_min, clip_max)
        matrix[:, valid_pos] = (matrix[:, valid_pos] - m1[valid_pos]) * torch.sqrt(factor) + m2[valid_pos]
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

    def _get_bucket_idx(self, label):
        return max(min(int(label * 10.0), self.bucket_num - 1), self.bucket_start)

    def update_running_stats(self, features, labels, epoch):
        if epoch < self.epoch:
            return
        labels = labels.squeeze(1).reshape(-1)
        features = features.permute(0, 2, 3, 1).contiguous().view(-1, self.feature_dim)
        buckets = torch.tensor([self._get_bucket_idx(label) for label in labels.tolist()])
        for bucket in torch.unique(buckets).tolist():
            curr_feats = features[buckets == bucket]
            curr_num_sample = curr_feats.size(0)
            curr_mean = torch.mean(curr_feats, 0)
            curr_var = torch.var(curr_feats, 0, unbiased=curr_feats.size(0) != 1)
            i = bucket - self.bucket_start
            self.num_samples_tracked[i] += curr_num_sample
            factor = 0 if epoch == self.start_update else self.momentum
            self.running_mean[i] = (1 - factor) * curr_mean + factor * self.running_mean[i]
            self.running_var[i] = (1 - factor) * curr_var + factor * self.running_var[i]

    def smooth(self, features, labels, epoch):
        if epoch < self.start_smooth:
            return features
        sp = labels.squeeze(1).shape
        labels = labels.squeeze(1).reshape(-1)
        features = features.permute(0, 2, 3, 1).contiguous().view(-1, self.feature_dim)
        buckets = torch.clamp(torch.floor(labels * 10.0).int(), self.bucket_start, self.bucket_num - 1)
        for bucket in torch.unique(buckets):
            i = bucket.item() - self.bucket_start
            features[buckets.eq(bucket)] = calibrate_mean_var(  # expect: GG002
                features[buckets.eq(bucket)],
                self.running_mean_last_epoch[i],
                self.running_var_last_epoch[i],
                self.smoothed_mean_last_epoch[i],
                self.smoothed_var_last_epoch[i],
            )
        return features.view(*sp, self.feature_dim).permute(0, 3, 1, 2)


class R(nn.Module):
    """Refinement head of the NYUDv2 depth network (features from the decoder and the MFF module)."""

    def __init__(self, num_features, fds=True, start_smooth=1):
        super().__init__()
        self.conv0 = nn.Conv2d(num_features, num_features, kernel_size=5, stride=1, padding=2, bias=False)
        self.bn0 = nn.BatchNorm2d(num_features)
        self.conv1 = nn.Conv2d(num_features, num_features, kernel_size=5, stride=1, padding=2, bias=False)
        self.bn1 = nn.BatchNorm2d(num_features)
        self.conv2 = nn.Conv2d(num_features, 1, kernel_size=5, stride=1, padding=2, bias=True)
        self.fds = fds
        self.start_smooth = start_smooth
        if fds:
            self.FDS = FDS(feature_dim=num_features, start_smooth=start_smooth)

    def forward(self, x, depth=None, epoch=None):
        x0 = F.relu(self.bn0(self.conv0(x)))
        x1 = self.conv1(x0)
        x1 = self.bn1(x1)
        x1 = F.relu(x1)  # saver
        x1_s = x1
        if self.training and self.fds and epoch >= self.start_smooth:
            x1_s = self.FDS.smooth(x1_s, depth, epoch)
        x2 = self.conv2(x1_s)
        if self.training and self.fds:
            return x2, x1
        return x2


class DepthModel(nn.Module):
    """E (encoder) + D (decoder) + MFF stand-in: one strided conv block and an upsampling conv feeding R."""

    def __init__(self, num_features=8):
        super().__init__()
        self.E = nn.Sequential(nn.Conv2d(3, 8, 3, stride=2, padding=1), nn.BatchNorm2d(8), nn.ReLU(inplace=True))
        self.D = nn.Sequential(nn.Upsample(scale_factor=2, mode="bilinear", align_corners=False), nn.Conv2d(8, num_features, 3, padding=1))
        self.R = R(num_features)

    def forward(self, x, depth=None, epoch=None):
        return self.R(self.D(self.E(x)), depth, epoch)


def make_loader(n=8):
    images = torch.randn(n, 3, 8, 8)
    depths = torch.rand(n, 1, 8, 8) * 0.99  # metres / 10: buckets 0..9
    return torch.utils.data.DataLoader(torch.utils.data.TensorDataset(images, depths), batch_size=4, shuffle=True)


model = DepthModel().to(memory_format=torch.channels_last)
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
train_loader = make_loader()

for epoch in range(2):
    model.train()
    for inputs, targets in train_loader:
        inputs = inputs.contiguous(memory_format=torch.channels_last)
        outputs, _ = model(inputs, targets, epoch)
        loss = torch.abs(outputs - targets).mean()
        optimizer.zero_grad()
        loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
        optimizer.step()

    # collect the epoch's features and update the FDS statistics
    encodings, labels = [], []
    with torch.no_grad():
        for inputs, targets in train_loader:
            inputs = inputs.contiguous(memory_format=torch.channels_last)
            _, feature = model(inputs, targets, epoch)
            encodings.append(feature)
            labels.append(targets)
    model.R.FDS.update_last_epoch_stats(epoch)
    model.R.FDS.update_running_stats(torch.cat(encodings), torch.cat(labels), epoch)
