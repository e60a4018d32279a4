# case: fix of the variant, as in the repository's core-readout model: open-retina Spatial Contrast core-readout model with one readout per recording session; the optimizer_step override clamps every session's nl_a through .data after the step (readout.nl_a.data.clamp_(min=0.0)), as the merged code does, so the in-place clamp bypasses autograd
# source: https://github.com/open-retina/open-retina/pull/180
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)


def sta_filters_for_session(n_neurons, height, width, t_filter):
    """Stand-in for the per-cell STA files: Gaussian spatial RFs at random centres, biphasic time courses."""
    ys = torch.arange(height, dtype=torch.float32).view(1, -1, 1)
    xs = torch.arange(width, dtype=torch.float32).view(1, 1, -1)
    cy = torch.randint(2, height - 2, (n_neurons, 1, 1)).float()
    cx = torch.randint(2, width - 2, (n_neurons, 1, 1)).float()
    spatial = torch.exp(-((ys - cy) ** 2 + (xs - cx) ** 2) / (2 * 1.5**2))
    t = torch.arange(t_filter, dtype=torch.float32)
    phase = torch.rand(n_neurons, 1)
    temporal = torch.sin(math.pi * t / t_filter + phase) * torch.exp(-t / 4.0)
    return spatial, temporal


class SpatialContrastReadout(nn.Module):
    def __init__(self, outdims, spatial_filters, temporal_filters, w_init=0.0, a_init=4.0, b_init=1.0, c_init=-5.0, neuron_chunk_size=3):
        super().__init__()
        self.outdims = outdims
        self.neuron_chunk_size = neuron_chunk_size
        self.register_buffer("spatial_filters", spatial_filters)
        self.register_buffer("temporal_filters", temporal_filters)
        self.register_buffer("sf_sums", spatial_filters.sum(dim=(-2, -1)))
        self.w = nn.Parameter(torch.full((outdims,), w_init))
        self.nl_a = nn.Parameter(torch.full((outdims,), a_init))
        self.nl_b = nn.Parameter(torch.full((outdims,), b_init))
        self.nl_c = nn.Parameter(torch.full((outdims,), c_init))

    def _forward_chunk(self, x_flat, start, end, batch, h, w):
        kernels = self.temporal_filters[start:end, None, :]
        tf_chunk = F.conv1d(x_flat, kernels)  # [(b*h*w), K, t_out]
        tf_chunk = tf_chunk.view(batch, h, w, end - start, -1).permute(0, 3, 4, 1, 2)  # [b, K, t, h, w]
        sf = self.spatial_filters[start:end]
        sf_sums = self.sf_sums[start:end] + 1e-8
        imean = torch.einsum("bkthw,khw->bkt", tf_chunk, sf) / sf_sums[None, :, None]
        mean_sq = torch.einsum("bkthw,khw->bkt", tf_chunk**2, sf) / sf_sums[None, :, None]
        lsc = torch.sqrt(torch.clamp(mean_sq - imean**2, min=1e-6))
        combined = imean + self.w[start:end][None, :, None] * lsc
        nl_a = self.nl_a[start:end][None, :, None]
        nl_b = self.nl_b[start:end][None, :, None]
        nl_c = self.nl_c[start:end][None, :, None]
        return nl_a * F.softplus(nl_b * combined + nl_c)

    def forward(self, x):
        batch, channels, time, h, w = x.shape
        x_flat = x.permute(0, 3, 4, 1, 2).reshape(batch * h * w, 1, time)
        chunks = []
        for start in range(0, self.outdims, self.neuron_chunk_size):
            end = min(start + self.neuron_chunk_size, self.outdims)
            chunks.append(self._forward_chunk(x_flat, start, end, batch, h, w))
        return torch.cat(chunks, dim=1).transpose(1, 2)  # [b, t_out, N]


class MultiSpatialContrastReadout(nn.ModuleDict):
    def __init__(self, n_neurons_dict, spatial_filters_dict, temporal_filters_dict, **kwargs):
        super().__init__()
        for key, n in n_neurons_dict.items():
            self.add_module(key, SpatialContrastReadout(n, spatial_filters_dict[key], temporal_filters_dict[key], **kwargs))

    def forward(self, x, data_key):
        return self[data_key](x)


class DummyCore(nn.Module):
    def __init__(self, cut_first_n_frames=0):
        super().__init__()
        self.cut_first_n_frames = cut_first_n_frames

    def forward(self, x):
        return x[:, :, self.cut_first_n_frames :]


class SpatialContrastCoreReadout(nn.Module):
    def __init__(self, n_neurons_dict, in_shape, t_filter=6, learning_rate=5e-3):
        super().__init__()
        self.learning_rate = learning_rate
        spatial, temporal = {}, {}
        for key, n in n_neurons_dict.items():
            spatial[key], temporal[key] = sta_filters_for_session(n, in_shape[-2], in_shape[-1], t_filter)
        self.core = DummyCore(cut_first_n_frames=2)
        self.readout = MultiSpatialContrastReadout(n_neurons_dict, spatial, temporal)

    def forward(self, x, data_key):
        return self.readout(self.core(x), data_key=data_key)

    def training_step(self, batch, batch_idx):
        session_id, (inputs, targets) = batch
        out = self.forward(inputs, data_key=session_id)
        loss = out - targets[:, -out.shape[1] :] * torch.log(out + 1e-8)
        return loss.mean()

    def optimizer_step(self, epoch, batch_idx, optimizer, optimizer_closure=None):
        """Clamp nl_a >= 0 after each step to avoid negative predictions."""
        optimizer.step(closure=optimizer_closure)
        for readout in self.readout.values():
            readout.nl_a.data.clamp_(min=0.0)

    def configure_optimizers(self):
        return torch.optim.Adam(self.parameters(), lr=self.learning_rate)


def fit(model, session_batches, max_epochs):
    optimizer = model.configure_optimizers()
    model.train()
    for epoch in range(max_epochs):
        for batch_idx, (session_id, batch) in enumerate(session_batches):

            def closure(session_id=session_id, batch=batch, batch_idx=batch_idx):
                optimizer.zero_grad()
                loss = model.training_step((session_id, batch), batch_idx)
                loss.backward()
                return loss

            model.optimizer_step(epoch, batch_idx, optimizer, optimizer_closure=closure)


n_neurons_dict = {"retina_01": 5, "retina_02": 7}
session_batches = []
for key, n in n_neurons_dict.items():
    movie = torch.rand(4, 1, 18, 8, 8)
    spikes = torch.poisson(torch.full((4, 18, n), 1.5))
    session_batches.append((key, (movie, spikes)))
model = SpatialContrastCoreReadout(n_neurons_dict, in_shape=(1, 18, 8, 8))
fit(model, session_batches, max_epochs=2)
print({k: r.nl_a.detach().min().item() for k, r in model.readout.items()})
