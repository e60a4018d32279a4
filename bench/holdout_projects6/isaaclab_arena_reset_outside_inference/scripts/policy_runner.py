# case: the PR's policy runner: env.reset() runs before entering `torch.inference_mode()`, so the environment's buffers are normal tensors; the in-place step updates inside inference mode and the in-place reset of terminated environments outside it are both allowed
# source: https://github.com/isaac-sim/IsaacLab-Arena/pull/96
# pythonpath: src
import argparse

import torch

from arena_runner import ManagerBasedRLEnv, get_policy


def parse_args():
    parser = argparse.ArgumentParser()
    parser.add_argument("--policy_type", default="mlp")
    parser.add_argument("--num_steps", type=int, default=8)
    parser.add_argument("--num_envs", type=int, default=4)
    return parser.parse_args([])


def rollout(env, policy, num_steps):
    obs, _ = env.reset()
    with torch.inference_mode():
        for _ in range(num_steps):
            actions = policy.get_action(env, obs)
            obs, reward, terminated, truncated, _ = env.step(actions)
            if (terminated | truncated).any():
                break
    done_ids = (terminated | truncated).nonzero(as_tuple=False).squeeze(-1)
    env.reset_idx(done_ids)
    return obs


def main():
    torch.manual_seed(0)
    args = parse_args()
    env = ManagerBasedRLEnv(num_envs=args.num_envs)
    policy = get_policy(args.policy_type, act_dim=env.act_dim)
    for episode in range(2):
        rollout(env, policy, args.num_steps)
        print(f"episode {episode} done")


if __name__ == "__main__":
    main()
