# case: IsaacLab-Arena policy runner before the PR: the first env.reset() runs inside `torch.inference_mode()` together with the rollout, so the buffers the environment allocates on that reset are inference tensors; when an episode terminates, the runner resets the finished environments after leaving the inference-mode block, and `episode_length_buf[env_ids] = 0` is an in-place update of an inference tensor outside inference mode
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
    with torch.inference_mode():
        obs, _ = env.reset()
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
