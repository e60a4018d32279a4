# case: active-domainrand's SVPG: during the rollout every particle's critic value is written into one shared buffer (`self.values[i][t] = value`), which chains all particles' critic graphs through CopySlices; in train() the first particle's optimizer steps after its critic backward, and the second particle's `critic_loss.backward(retain_graph=True)` walks back through the first particle's critic, whose weights that step changed (the issue's error at critic_loss.backward)
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
