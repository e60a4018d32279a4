# case: CDT's `SAM.predict` (cdt/causality/graph/SAM.py `run_SAM`): in each step the discriminator is applied to the generated data twice, detached for its own loss and attached for the generators' loss, before `disc_loss.backward(); d_optimizer.step()`; the step rewrites the discriminator weights that the attached pass saved, so the generators' `loss.backward()` fails (the error since torch 1.5)
# source: https://github.com/FenTechSolutions/CausalDiscoveryToolbox/issues/66
import numpy as np
import torch

import cdt
from cdt.causality.graph import SAM


def make_data(n=16, seed=0):
    """x0 -> x1 -> x2 with additive noise."""
    rng = np.random.default_rng(seed)
    x0 = rng.normal(size=n)
    x1 = np.tanh(2 * x0) + 0.3 * rng.normal(size=n)
    x2 = x1**2 + 0.3 * rng.normal(size=n)
    return np.stack([x0, x1, x2], axis=1)


def main():
    torch.manual_seed(0)
    cdt.SETTINGS.verbose = True
    data = make_data()
    obj = SAM(nh=4, dnh=4, train_epochs=2, test_epochs=1, nruns=1, dagstart=0.5, dagloss=True)
    adjacency = obj.predict(data)
    print(np.round(adjacency, 3))
    print(SAM.to_edge_list(adjacency, ["x0", "x1", "x2"]))


if __name__ == "__main__":
    main()
