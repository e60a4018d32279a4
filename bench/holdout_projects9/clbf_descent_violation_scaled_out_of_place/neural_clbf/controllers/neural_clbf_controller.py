"""A CLBF V(x) = 0.5 |phi(x)|^2 (+ x'Px) learned with boundary and descent losses."""
from collections import OrderedDict

import torch
import torch.nn as nn
import torch.nn.functional as F

from .clf_controller import CLFController, normalize_with_angles


class NeuralCLBFController(CLFController):
    def __init__(self, dynamics_model, scenarios, datamodule, clbf_hidden_layers=2,
                 clbf_hidden_size=8, clf_lambda=1.0, safe_level=1.0,
                 clf_relaxation_penalty=50.0, controller_period=0.05,
                 primal_learning_rate=1e-3, num_init_epochs=1, barrier=True,
                 add_nominal=False, normalize_V_nominal=False):
        super().__init__(dynamics_model, scenarios, clf_lambda=clf_lambda,
                         clf_relaxation_penalty=clf_relaxation_penalty,
                         controller_period=controller_period)
        self.datamodule = datamodule
        self.safe_level = safe_level
        self.unsafe_level = safe_level
        self.primal_learning_rate = primal_learning_rate
        self.num_init_epochs = num_init_epochs
        self.barrier = barrier
        self.add_nominal = add_nominal
        self.normalize_V_nominal = normalize_V_nominal
        self.V_nominal_mean = 1.0
        self.current_epoch = 0

        x_max, x_min = dynamics_model.state_limits
        self.x_range = (x_max - x_min) / 2.0
        self.x_range[dynamics_model.angle_dims] = 1.0
        self.n_dims_extended = dynamics_model.n_dims + len(dynamics_model.angle_dims)

        layers: "OrderedDict[str, nn.Module]" = OrderedDict()
        layers["input_linear"] = nn.Linear(self.n_dims_extended, clbf_hidden_size)
        layers["input_activation"] = nn.Tanh()
        for i in range(clbf_hidden_layers):
            layers[f"layer_{i}_linear"] = nn.Linear(clbf_hidden_size, clbf_hidden_size)
            if i < clbf_hidden_layers - 1:
                layers[f"layer_{i}_activation"] = nn.Tanh()
        self.V_nn = nn.Sequential(layers)

    def prepare_data(self):
        return self.datamodule.prepare_data()

    def setup(self, stage=None):
        return self.datamodule.setup(stage)

    def train_dataloader(self):
        return self.datamodule.train_dataloader()

    def V_with_jacobian(self, x):
        x_norm = normalize_with_angles(self.dynamics_model, x)
        bs = x_norm.shape[0]
        n_dims = self.dynamics_model.n_dims
        JV = torch.zeros((bs, self.n_dims_extended, n_dims)).type_as(x)
        for dim in range(n_dims):
            JV[:, dim, dim] = 1.0 / self.x_range[dim].type_as(x)
        for offset, sin_idx in enumerate(self.dynamics_model.angle_dims):
            cos_idx = n_dims + offset
            JV[:, sin_idx, sin_idx] = x_norm[:, cos_idx]
            JV[:, cos_idx, sin_idx] = -x_norm[:, sin_idx]

        V = x_norm
        for layer in self.V_nn:
            V = layer(V)
            if isinstance(layer, nn.Linear):
                JV = torch.matmul(layer.weight, JV)
            elif isinstance(layer, nn.Tanh):
                JV = torch.matmul(torch.diag_embed(1 - V ** 2), JV)
        JV = torch.bmm(V.unsqueeze(1), JV)
        V = 0.5 * (V * V).sum(dim=1)

        if self.add_nominal:
            P = self.dynamics_model.P.type_as(x).reshape(1, n_dims, n_dims)
            x0 = self.dynamics_model.goal_point.type_as(x)
            V_nominal = 0.5 * F.bilinear(x - x0, x - x0, P).squeeze()
            JV_nominal = F.linear(x - x0, P.reshape(n_dims, n_dims)).reshape(bs, 1, n_dims)
            V = V + V_nominal
            JV = JV + JV_nominal
        return V, JV

    def forward(self, x):
        return self.u(x)

    def boundary_loss(self, x, goal_mask, safe_mask, unsafe_mask, accuracy=False):
        eps = 1e-2
        loss = []
        V = self.V(x)
        V_goal_pt = self.V(self.dynamics_model.goal_point.type_as(x))
        loss.append(("CLBF goal term", 1e1 * V_goal_pt.mean()))
        if self.barrier:
            safe_violation = F.relu(eps + V[safe_mask] - self.safe_level)
            loss.append(("CLBF safe region term", 1e2 * safe_violation.mean()))
            unsafe_violation = F.relu(eps + self.unsafe_level - V[unsafe_mask])
            loss.append(("CLBF unsafe region term", 1e2 * unsafe_violation.mean()))
        return loss

    def descent_loss(self, x, goal_mask, safe_mask, unsafe_mask, accuracy=False,
                     requires_grad=False):
        loss = []
        eps = 0.1
        V = self.V(x)
        if self.barrier:
            condition_active = torch.sigmoid(10 * (self.safe_level + eps - V))
        else:
            condition_active = torch.tensor(1.0)

        u_qp, qp_relaxation = self.solve_CLF_QP(x, requires_grad=requires_grad)
        qp_relaxation = torch.mean(qp_relaxation, dim=-1)
        loss.append(("QP relaxation", (qp_relaxation * condition_active).mean()))

        eps = 1.0
        clbf_descent_term_lin = torch.tensor(0.0).type_as(x)
        clbf_descent_acc_lin = torch.tensor(0.0).type_as(x)
        Lf_V, Lg_V = self.V_lie_derivatives(x)
        for i, s in enumerate(self.scenarios):
            Vdot = Lf_V[:, i, :].unsqueeze(1) + torch.bmm(
                Lg_V[:, i, :].unsqueeze(1),
                u_qp.reshape(-1, self.dynamics_model.n_controls, 1),
            )
            Vdot = Vdot.reshape(V.shape)
            violation = F.relu(eps + Vdot + self.clf_lambda * V)
            violation = violation * condition_active
            clbf_descent_term_lin += violation.mean()
            clbf_descent_acc_lin += (violation <= eps).sum() / (violation.nelement() * self.n_scenarios)
        loss.append(("CLBF descent term (linearized)", clbf_descent_term_lin))
        if accuracy:
            loss.append(("CLBF descent accuracy (linearized)", clbf_descent_acc_lin))

        clbf_descent_term_sim = torch.tensor(0.0).type_as(x)
        clbf_descent_acc_sim = torch.tensor(0.0).type_as(x)
        for s in self.scenarios:
            xdot = self.dynamics_model.closed_loop_dynamics(x, u_qp, params=s)
            x_next = x + self.dynamics_model.dt * xdot
            V_next = self.V(x_next)
            violation = F.relu(eps + (V_next - V) / self.controller_period + self.clf_lambda * V)
            violation = violation * condition_active
            clbf_descent_term_sim += violation.mean()
            clbf_descent_acc_sim += (violation <= eps).sum() / (violation.nelement() * self.n_scenarios)
        loss.append(("CLBF descent term (simulated)", clbf_descent_term_sim))
        if accuracy:
            loss.append(("CLBF descent accuracy (simulated)", clbf_descent_acc_sim))
        return loss

    def initial_loss(self, x):
        loss = []
        epoch_count = max(self.current_epoch - self.num_init_epochs, 0)
        decrease_factor = 0.8 ** epoch_count
        V = self.V(x)
        P = self.dynamics_model.P.type_as(x)
        x0 = self.dynamics_model.goal_point.type_as(x)
        P = P.reshape(1, self.dynamics_model.n_dims, self.dynamics_model.n_dims)
        V_nominal = 0.5 * F.bilinear(x - x0, x - x0, P).squeeze()
        if self.normalize_V_nominal:
            self.V_nominal_mean = V_nominal.mean()
            V_nominal /= self.V_nominal_mean
        clbf_mse_loss = decrease_factor * ((V - V_nominal) ** 2).mean()
        loss.append(("CLBF MSE", clbf_mse_loss))
        return loss

    def training_step(self, batch, batch_idx):
        x, goal_mask, safe_mask, unsafe_mask = batch
        component_losses = {}
        component_losses.update(self.initial_loss(x))
        component_losses.update(self.boundary_loss(x, goal_mask, safe_mask, unsafe_mask))
        component_losses.update(
            self.descent_loss(x, goal_mask, safe_mask, unsafe_mask, requires_grad=True)
        )
        total_loss = torch.tensor(0.0).type_as(x)
        for _, loss_value in component_losses.items():
            if not torch.isnan(loss_value):
                total_loss += loss_value
        return {"loss": total_loss, **component_losses}

    def training_epoch_end(self, outputs):
        losses = {}
        for batch_output in outputs:
            for key, value in batch_output.items():
                losses.setdefault(key, []).append(float(value))
        return {key: sum(vals) / len(vals) for key, vals in losses.items()}

    def configure_optimizers(self):
        return torch.optim.SGD(self.V_nn.parameters(), lr=self.primal_learning_rate, weight_decay=1e-6)
