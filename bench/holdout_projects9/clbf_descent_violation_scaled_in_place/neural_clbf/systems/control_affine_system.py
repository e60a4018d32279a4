"""Base class of control-affine systems: dx/dt = f(x) + g(x) u."""
from typing import Dict, List, Optional

import torch

Scenario = Dict[str, float]


class ControlAffineSystem:
    n_dims = 0
    n_controls = 0

    def __init__(self, nominal_params: Scenario, dt: float = 0.01,
                 controller_dt: Optional[float] = None,
                 scenarios: Optional[List[Scenario]] = None):
        self.nominal_params = nominal_params
        self.dt = dt
        self.controller_dt = controller_dt if controller_dt is not None else dt
        self.scenarios = scenarios if scenarios is not None else [nominal_params]

    @property
    def angle_dims(self) -> List[int]:
        return []

    def control_affine_dynamics(self, x, params=None):
        params = self.nominal_params if params is None else params
        return self._f(x, params), self._g(x, params)

    def closed_loop_dynamics(self, x, u, params=None):
        f, g = self.control_affine_dynamics(x, params)
        xdot = f + torch.bmm(g, u.unsqueeze(-1))
        return xdot.view(x.shape)

    def sample_state_space(self, n: int) -> torch.Tensor:
        x_max, x_min = self.state_limits
        return x_min + torch.rand(n, self.n_dims) * (x_max - x_min)
