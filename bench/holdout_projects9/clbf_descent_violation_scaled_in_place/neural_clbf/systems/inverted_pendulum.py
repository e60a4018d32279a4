"""Damped inverted pendulum, state (theta, theta_dot), one torque input."""
from typing import List

import torch

from .control_affine_system import ControlAffineSystem


class InvertedPendulum(ControlAffineSystem):
    n_dims = 2
    n_controls = 1
    THETA = 0
    THETA_DOT = 1

    def __init__(self, nominal_params, dt=0.01, controller_dt=None, scenarios=None):
        super().__init__(nominal_params, dt, controller_dt, scenarios)
        # a fixed Lyapunov matrix standing in for the LQR solution
        self.P = torch.tensor([[2.0, 0.5], [0.5, 1.0]])
        self.K = torch.tensor([[3.0, 1.5]])

    @property
    def angle_dims(self) -> List[int]:
        return [InvertedPendulum.THETA]

    @property
    def state_limits(self):
        upper = torch.tensor([2.0, 2.0])
        return upper, -upper

    @property
    def goal_point(self):
        return torch.zeros((1, self.n_dims))

    def _f(self, x, params):
        m, L, b = params["m"], params["L"], params["b"]
        f = torch.zeros((x.shape[0], self.n_dims, 1)).type_as(x)
        theta = x[:, InvertedPendulum.THETA]
        theta_dot = x[:, InvertedPendulum.THETA_DOT]
        f[:, InvertedPendulum.THETA, 0] = theta_dot
        f[:, InvertedPendulum.THETA_DOT, 0] = 9.81 / L * torch.sin(theta) - b / (m * L ** 2) * theta_dot
        return f

    def _g(self, x, params):
        m, L = params["m"], params["L"]
        g = torch.zeros((x.shape[0], self.n_dims, self.n_controls)).type_as(x)
        g[:, InvertedPendulum.THETA_DOT, 0] = 1.0 / (m * L ** 2)
        return g

    def u_nominal(self, x):
        return -(x - self.goal_point.type_as(x)) @ self.K.type_as(x).T

    def safe_mask(self, x):
        return x.norm(dim=-1) <= 1.0

    def unsafe_mask(self, x):
        return x.norm(dim=-1) >= 1.5

    def goal_mask(self, x):
        return x.norm(dim=-1) <= 0.3
