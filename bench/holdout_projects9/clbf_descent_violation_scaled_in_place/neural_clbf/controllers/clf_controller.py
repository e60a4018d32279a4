"""CLF-based controller: Lie derivatives of V and a relaxed CLF 'QP'."""
import torch
import torch.nn.functional as F


def normalize_with_angles(dynamics_model, x, k: float = 1.0):
    """Centre and scale x; each angle dimension becomes (sin, cos), the cos appended."""
    x_max, x_min = dynamics_model.state_limits
    x_center = (x_max + x_min) / 2.0
    x_range = (x_max - x_min) / 2.0 / k
    x_center[dynamics_model.angle_dims] = 0.0
    x_range[dynamics_model.angle_dims] = 1.0
    x = (x - x_center.type_as(x)) / x_range.type_as(x)
    angles = x[:, dynamics_model.angle_dims]
    x[:, dynamics_model.angle_dims] = torch.sin(angles)
    return torch.cat((x, torch.cos(angles)), dim=-1)


class CLFController(torch.nn.Module):
    def __init__(self, dynamics_model, scenarios, clf_lambda=1.0,
                 clf_relaxation_penalty=50.0, controller_period=0.05):
        super().__init__()
        self.dynamics_model = dynamics_model
        self.scenarios = scenarios
        self.n_scenarios = len(scenarios)
        self.clf_lambda = clf_lambda
        self.clf_relaxation_penalty = clf_relaxation_penalty
        self.controller_period = controller_period

    def V_with_jacobian(self, x):
        raise NotImplementedError

    def V(self, x):
        V, _ = self.V_with_jacobian(x)
        return V

    def V_lie_derivatives(self, x, scenarios=None):
        scenarios = self.scenarios if scenarios is None else scenarios
        _, gradV = self.V_with_jacobian(x)
        bs = x.shape[0]
        Lf_V = torch.zeros(bs, len(scenarios), 1).type_as(x)
        Lg_V = torch.zeros(bs, len(scenarios), self.dynamics_model.n_controls).type_as(x)
        for i, s in enumerate(scenarios):
            f, g = self.dynamics_model.control_affine_dynamics(x, params=s)
            Lf_V[:, i, :] = torch.bmm(gradV, f).squeeze(1)
            Lg_V[:, i, :] = torch.bmm(gradV, g).squeeze(1)
        return Lf_V, Lg_V

    def solve_CLF_QP(self, x, requires_grad=False):
        """Closed-form stand-in for the differentiable QP: project u_ref onto the
        (relaxed) decrease constraint of the first scenario."""
        V = self.V(x)
        Lf_V, Lg_V = self.V_lie_derivatives(x)
        u_ref = self.dynamics_model.u_nominal(x)
        lhs = Lf_V[:, 0, 0] + (Lg_V[:, 0, :] * u_ref).sum(-1) + self.clf_lambda * V
        lg_sq = (Lg_V[:, 0, :] ** 2).sum(-1)
        step = F.relu(lhs) / (lg_sq + 1.0)
        u = u_ref - step.unsqueeze(-1) * Lg_V[:, 0, :]
        relaxation = F.relu(lhs - step * lg_sq).unsqueeze(-1)
        if not requires_grad:
            u, relaxation = u.detach(), relaxation.detach()
        return u, relaxation

    def u(self, x):
        u, _ = self.solve_CLF_QP(x)
        return u
