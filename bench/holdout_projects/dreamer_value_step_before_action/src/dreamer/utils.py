import torch


def lambda_return(rewards, values, gamma, lambda_):
    """TD(lambda) targets over an imagined horizon; rewards, values: (H + 1, N), filled backwards in place."""
    returns = torch.zeros_like(values)
    returns[-1] = values[-1]
    for t in reversed(range(values.shape[0] - 1)):
        returns[t] = rewards[t] + gamma * ((1 - lambda_) * values[t + 1] + lambda_ * returns[t + 1])
    return returns
