# case: TQC Trainer.train computes actor_loss through the critic, then steps the critic optimizer before actor_loss.backward()
# source: https://github.com/SamsungLabs/tqc_pytorch/issues/8
import copy

import torch

from tqc.structures import Actor, Critic, ReplayBuffer
from tqc.trainer import Trainer

torch.manual_seed(0)
STATE_DIM, ACTION_DIM = 5, 2


def main():
    actor = Actor(STATE_DIM, ACTION_DIM)
    critic = Critic(STATE_DIM, ACTION_DIM, n_quantiles=5, n_nets=2)
    critic_target = copy.deepcopy(critic)
    trainer = Trainer(actor=actor, critic=critic, critic_target=critic_target, discount=0.99, tau=0.005,
                      top_quantiles_to_drop=2, target_entropy=-ACTION_DIM)
    replay_buffer = ReplayBuffer(STATE_DIM, ACTION_DIM)
    for _ in range(3):
        trainer.train(replay_buffer, batch_size=16)
    print("trained", trainer.total_it)


if __name__ == "__main__":
    main()
