# case: rational-quadratic coupling layer scales the width/height slices of transform_params in place (`/= np.sqrt(hidden_features)`); the reporter's transform net ends in a ReLU (error names ReluBackward0), whose saved output those slices alias. Spline evaluation simplified.
# source: https://github.com/bayesiains/nflows/issues/89
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


class MLP(nn.Module):
    def __init__(self, in_features, out_features, hidden_features):
        super().__init__()
        self.hidden_features = hidden_features
        self.net = nn.Sequential(
            nn.Linear(in_features, hidden_features), nn.ReLU(),
            nn.Linear(hidden_features, out_features), nn.ReLU(),
        )

    def forward(self, x):
        return self.net(x)


def rational_quadratic_spline(inputs, unnormalized_widths, unnormalized_heights, unnormalized_derivatives):
    # simplified stand-in for nflows.transforms.splines.rational_quadratic_spline
    widths = F.softmax(unnormalized_widths, dim=-1)
    heights = F.softmax(unnormalized_heights, dim=-1)
    derivatives = F.softplus(unnormalized_derivatives) + 1e-3
    slope = (heights / widths).mean(-1) * derivatives.mean(-1)
    outputs = inputs * slope
    logabsdet = torch.log(slope)
    return outputs, logabsdet


class PiecewiseRationalQuadraticCouplingTransform(nn.Module):
    def __init__(self, features, hidden_features, num_bins=4):
        super().__init__()
        self.num_bins = num_bins
        self.identity_features = features // 2
        self.transform_features = features - self.identity_features
        self.transform_net = MLP(self.identity_features,
                                 self.transform_features * self._transform_dim_multiplier(), hidden_features)

    def _transform_dim_multiplier(self):
        return self.num_bins * 3 + 1

    def _piecewise_cdf(self, inputs, transform_params, inverse=False):
        unnormalized_widths = transform_params[..., : self.num_bins]
        unnormalized_heights = transform_params[..., self.num_bins: 2 * self.num_bins]
        unnormalized_derivatives = transform_params[..., 2 * self.num_bins:]

        if hasattr(self.transform_net, "hidden_features"):
            unnormalized_widths /= np.sqrt(self.transform_net.hidden_features)  # expect: GG002
            unnormalized_heights /= np.sqrt(self.transform_net.hidden_features)  # expect: GG002

        return rational_quadratic_spline(
            inputs=inputs,
            unnormalized_widths=unnormalized_widths,
            unnormalized_heights=unnormalized_heights,
            unnormalized_derivatives=unnormalized_derivatives,
        )

    def forward(self, inputs):
        identity_split = inputs[:, : self.identity_features]
        transform_split = inputs[:, self.identity_features:]
        transform_params = self.transform_net(identity_split)
        transform_params = transform_params.reshape(inputs.shape[0], self.transform_features,
                                                    self._transform_dim_multiplier())
        transform_split, logabsdet = self._piecewise_cdf(transform_split, transform_params)
        outputs = torch.cat([identity_split, transform_split], dim=1)
        return outputs, logabsdet.sum(-1)


torch.manual_seed(0)
flow = PiecewiseRationalQuadraticCouplingTransform(features=4, hidden_features=8)
optimizer = torch.optim.Adam(flow.parameters(), lr=1e-3)
x = torch.randn(16, 4)
z, logabsdet = flow(x)
loss = -(torch.distributions.Normal(0., 1.).log_prob(z).sum(-1) + logabsdet).mean()
optimizer.zero_grad()
loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
optimizer.step()
