# case: rlkit SACTrainer (before PR 109) steps both Q-function optimizers before backpropagating the policy loss that went through qf1/qf2
# source: https://github.com/rail-berkeley/rlkit/pull/109
import copy

import torch

from rlkit.torch.networks import ConcatMlp
from rlkit.torch.sac import SACTrainer, TanhGaussianPolicy

torch.manual_seed(0)
OBS_DIM, ACTION_DIM, M = 6, 2, 32


def random_batch(batch_size=16):
    return {
        "observations": torch.randn(batch_size, OBS_DIM),
        "actions": torch.rand(batch_size, ACTION_DIM) * 2 - 1,
        "rewards": torch.randn(batch_size, 1),
        "terminals": torch.zeros(batch_size, 1),
        "next_observations": torch.randn(batch_size, OBS_DIM),
    }


def experiment():
    qf1 = ConcatMlp(input_size=OBS_DIM + ACTION_DIM, output_size=1, hidden_sizes=[M, M])
    qf2 = ConcatMlp(input_size=OBS_DIM + ACTION_DIM, output_size=1, hidden_sizes=[M, M])
    target_qf1, target_qf2 = copy.deepcopy(qf1), copy.deepcopy(qf2)
    policy = TanhGaussianPolicy(obs_dim=OBS_DIM, action_dim=ACTION_DIM, hidden_sizes=[M, M])
    trainer = SACTrainer(ACTION_DIM, policy=policy, qf1=qf1, qf2=qf2, target_qf1=target_qf1, target_qf2=target_qf2)
    for _ in range(3):
        print(trainer.train_from_torch(random_batch()))


if __name__ == "__main__":
    experiment()
