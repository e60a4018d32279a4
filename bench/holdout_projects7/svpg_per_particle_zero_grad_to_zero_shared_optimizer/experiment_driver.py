# case: SVPG with each particle's values kept apart, but gradients zeroed to zero tensors (`zero_grad(set_to_none=False)`, the torch < 2.0 default the repository was written for): the particle's single Adam optimizer then also steps the actor parameters (their gradients are zeros, not None) after the critic backward, bumping the weights the saved log-probabilities' graph holds, so the policy-gradient backward fails
# source: https://github.com/montrealrobotics/active-domainrand/issues/9
import numpy as np
import torch

from common.svpg.svpg import SVPG

torch.manual_seed(5)


def simulator_rewards(instances):
    # stand-in for the discriminator reward of the randomised environments
    return -np.abs(instances - 0.5).sum(-1)


def main():
    svpg = SVPG(nagents=2, nparams=2, max_step_length=0.05, svpg_rollout_length=3, svpg_horizon=5, temperature=10.0, kld_coefficient=0.0)
    for _ in range(2):
        instances = svpg.step()
        svpg.train(simulator_rewards(instances))
    print(svpg.last_states)


if __name__ == "__main__":
    main()
