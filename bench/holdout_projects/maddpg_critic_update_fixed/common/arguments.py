from types import SimpleNamespace


def get_args():
    return SimpleNamespace(
        n_agents=2,
        obs_shape=[6, 6],
        action_shape=[2, 2],
        high_action=1.0,
        lr_actor=1e-4,
        lr_critic=1e-3,
        gamma=0.95,
        tau=0.01,
        batch_size=16,
    )
