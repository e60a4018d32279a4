# case: clean twin: each particle's critic values are kept in its own list and concatenated in train(), so a particle's critic backward only reaches its own critic; stepping the first particle's optimizer no longer touches anything the second particle's graph saved, and SVPG trains
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
