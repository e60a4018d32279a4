# case: neural_clbf after the fix PR (#12): `descent_loss` scales each descent violation out of place (`violation = violation * condition_active`), so the ReLU output it saved stays intact; the in-place `+=` accumulators of the descent terms and of `total_loss` (started from `torch.tensor(0.0)`), the `x[:, angle_dims] = sin(...)` write in `normalize_with_angles` and the subscript writes of the Lie-derivative buffers stay, and training runs
# source: https://github.com/MIT-REALM/neural_clbf/issues/11
# pythonpath: .
from argparse import ArgumentParser

import numpy as np
import torch

from neural_clbf.controllers import NeuralCLBFController
from neural_clbf.datamodules.episodic_datamodule import EpisodicDataModule
from neural_clbf.systems import InvertedPendulum
from neural_clbf.training import Trainer

controller_period = 0.05
simulation_dt = 0.01


def main(args):
    torch.manual_seed(args.seed)
    nominal_params = {"m": 1.0, "L": 1.0, "b": 0.01}
    scenarios = [nominal_params]
    dynamics_model = InvertedPendulum(
        nominal_params, dt=simulation_dt, controller_dt=controller_period, scenarios=scenarios
    )
    initial_conditions = [(-np.pi / 2, np.pi / 2), (-1.0, 1.0)]
    data_module = EpisodicDataModule(
        dynamics_model, initial_conditions, fixed_samples=32, batch_size=args.batch_size
    )
    clbf_controller = NeuralCLBFController(
        dynamics_model,
        scenarios,
        data_module,
        clbf_hidden_layers=2,
        clbf_hidden_size=8,
        clf_lambda=1.0,
        safe_level=1.0,
        controller_period=controller_period,
        clf_relaxation_penalty=1e2,
        num_init_epochs=1,
        barrier=True,
    )
    trainer = Trainer(max_epochs=args.max_epochs, gradient_clip_val=10.0)
    trainer.fit(clbf_controller)
    x = torch.tensor([[0.5, 0.5], [-0.2, 1.0]])
    print("u(x0) =", clbf_controller(x).detach().squeeze(-1).tolist())


if __name__ == "__main__":
    parser = ArgumentParser()
    parser.add_argument("--max_epochs", type=int, default=2)
    parser.add_argument("--batch_size", type=int, default=16)
    parser.add_argument("--seed", type=int, default=0)
    main(parser.parse_args([]))
