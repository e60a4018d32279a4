# case: the review suggestion in the pull request (clamp_ in place of a no-op clamp): open-retina single-cell Spatial Contrast model (frozen STA-derived spatial and temporal filters, learned contrast weight and softplus nonlinearity) trained through a Lightning-style loop; its optimizer_step override steps the optimizer and then clamps the nonlinearity's gain parameter in place (self.nonlinearity.w.clamp_(min=0.0)) with grad mode on, an in-place operation on a leaf that requires grad
# source: https://github.com/open-retina/open-retina/pull/180
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)


def gaussian_spatial_filter(h, w, center, sigma, sigma_contour=3.0):
    ys = torch.arange(h, dtype=torch.float32).view(-1, 1)
    xs = torch.arange(w, dtype=torch.float32).view(1, -1)
    d2 = ((ys - center[0]) ** 2 + (xs - center[1]) ** 2) / (2 * sigma**2)
    filt = torch.exp(-d2)
    filt[d2 > sigma_contour**2 / 2] = 0.0
    return filt


def load_sta_and_extract_filters(height, width, t_filter):
    """Stand-in for the STA .npy files: a Gaussian RF fit and a biphasic time course at the RF centre."""
    center = (height // 2, width // 2)
    spatial = gaussian_spatial_filter(height, width, center, sigma=1.5)
    t = torch.arange(t_filter, dtype=torch.float32)
    temporal = torch.sin(math.pi * t / t_filter) * torch.exp(-t / 4.0)
    return spatial, temporal, {"center_y": center[0], "center_x": center[1]}


class ParametricSoftplus(nn.Module):
    """y = w * log(1 + exp(b * x + c)); w is the output gain."""

    def __init__(self, w_init=1.0, b_init=1.0, c_init=0.0):
        super().__init__()
        self.w = nn.Parameter(torch.tensor(w_init))
        self.b = nn.Parameter(torch.tensor(b_init))
        self.c = nn.Parameter(torch.tensor(c_init))

    def forward(self, x):
        return self.w * F.softplus(self.b * x + self.c)


class PoissonLoss3d(nn.Module):
    def __init__(self, bias=1e-8, avg=True):
        super().__init__()
        self.bias, self.avg = bias, avg

    def forward(self, output, target):
        loss = output - target * torch.log(output + self.bias)
        return loss.mean() if self.avg else loss.sum()


class SingleCellSpatialContrast(nn.Module):
    def __init__(self, in_shape, t_filter=6, learning_rate=1e-2, contrast_init=0.0):
        super().__init__()
        self.learning_rate = learning_rate
        self.loss = PoissonLoss3d(avg=True)
        spatial_filter, temporal_filter, self.gaussian_params = load_sta_and_extract_filters(in_shape[-2], in_shape[-1], t_filter)
        self.register_buffer("spatial_filter", spatial_filter)
        self.register_buffer("temporal_filter", temporal_filter)
        self.register_buffer("spatial_filter_sum", spatial_filter.sum())
        self.contrast_weight = nn.Parameter(torch.tensor(contrast_init))
        self.nonlinearity = ParametricSoftplus()

    def temporal_filter_stimulus(self, x):
        batch, channels, time, h, w = x.shape
        x_reshaped = x.permute(0, 3, 4, 1, 2).reshape(batch * h * w, channels, time)
        filtered = F.conv1d(x_reshaped, self.temporal_filter.view(1, 1, -1), padding=0)
        return filtered.view(batch, h, w, -1).permute(0, 3, 1, 2)

    def compute_imean(self, temp_filtered):
        return (self.spatial_filter * temp_filtered).sum(dim=(-2, -1)) / (self.spatial_filter_sum + 1e-8)

    def compute_lsc(self, temp_filtered, imean):
        deviation_sq = (temp_filtered - imean[:, :, None, None]) ** 2
        weighted_var = (self.spatial_filter * deviation_sq).sum(dim=(-2, -1))
        return torch.sqrt(weighted_var / (self.spatial_filter_sum + 1e-8) + 1e-8)

    def forward(self, x):
        temp_filtered = self.temporal_filter_stimulus(x)
        imean = self.compute_imean(temp_filtered)
        lsc = self.compute_lsc(temp_filtered, imean)
        output = self.nonlinearity(imean + self.contrast_weight * lsc)
        return output.unsqueeze(-1)

    def training_step(self, batch, batch_idx):
        session_id, (inputs, targets) = batch
        model_output = self.forward(inputs)
        return self.loss(model_output, targets[:, -model_output.shape[1] :])

    def optimizer_step(self, epoch, batch_idx, optimizer, optimizer_closure=None):
        """Override implementation to allow parameter clamping at each training step"""
        optimizer.step(closure=optimizer_closure)
        # To avoid negative model predictions, clamp the gain parameter in the nonlinearity
        self.nonlinearity.w.clamp_(min=0.0)  # expect: GG001  # raises: RuntimeError: a leaf Variable that requires grad is being used in an in-place operation

    def configure_optimizers(self):
        return torch.optim.AdamW(self.parameters(), lr=self.learning_rate)


def fit(model, dataloader, max_epochs):
    """Automatic optimisation as in Lightning: the closure runs training_step and backward inside optimizer.step."""
    optimizer = model.configure_optimizers()
    model.train()
    for epoch in range(max_epochs):
        for batch_idx, batch in enumerate(dataloader):

            def closure(batch=batch, batch_idx=batch_idx):
                optimizer.zero_grad()
                loss = model.training_step(("session_1", batch), batch_idx)
                loss.backward()
                return loss

            model.optimizer_step(epoch, batch_idx, optimizer, optimizer_closure=closure)


stimulus = torch.rand(8, 1, 20, 9, 9)  # batch, channel, time, height, width (natural-movie stand-in)
responses = torch.poisson(torch.full((8, 20, 1), 2.0))
loader = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(stimulus, responses), batch_size=4)
model = SingleCellSpatialContrast(in_shape=(1, 20, 9, 9))
fit(model, loader, max_epochs=1)
print(float(model.nonlinearity.w))
