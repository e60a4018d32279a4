# case: resuming through legacy.load_network_pkl(f, force_fp16=True): legacy rebuilds each network as type(old)(**kwargs).eval().requires_grad_(False) before misc.copy_params_and_buffers, so the in-place copies write parameters that do not require grad
# source: https://github.com/NVlabs/stylegan2-ada-pytorch/issues/280
import io
import pickle

import torch

import legacy
from torch_utils import misc
from training import networks
from training.training_loop import finetune, make_snapshot

G_kwargs = dict(
    class_name="training.networks.Generator",
    z_dim=8,
    w_dim=8,
    mapping_kwargs=dict(num_layers=2),
    synthesis_kwargs=dict(channel_base=16),
)
D_kwargs = dict(class_name="training.networks.Discriminator", channel_base=16)


def main():
    torch.manual_seed(0)
    # an older run's snapshot (network-snapshot-000000.pkl), kept in memory
    snapshot = pickle.dumps(make_snapshot(G_kwargs, D_kwargs))

    with io.BytesIO(snapshot) as f:
        data = legacy.load_network_pkl(f, force_fp16=True)
    new_G, D = data["G"], data["D"]

    # legacy.load_network_pkl rebuilt G with the fp16 settings and carried the trained weights over
    assert new_G.init_kwargs.synthesis_kwargs.num_fp16_res == 4
    assert isinstance(new_G, networks.Generator) and misc.is_persistent_module(new_G)
    G_ema = data["G_ema"]

    training_set = torch.rand(12, 3, 8, 8) * 2 - 1
    finetune(new_G.train().requires_grad_(False), D, G_ema, training_set)


if __name__ == "__main__":
    main()
