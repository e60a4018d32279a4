# case: upgrading an unpickled StyleGAN2 generator as torch_utils/persistence.py's docstring shows: the new Generator(*old.init_args, **old.init_kwargs) keeps requires_grad on its parameters, so misc.copy_params_and_buffers copies into leaf parameters in place with grad mode on
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
        data = legacy.load_network_pkl(f)
    old_G, D = data["G"], data["D"]

    # rebuild G with the current source code and carry the trained weights over
    new_G = networks.Generator(*old_G.init_args, **old_G.init_kwargs)
    misc.copy_params_and_buffers(old_G, new_G, require_all=True)
    assert misc.params_and_buffers_equal(old_G, new_G)
    G_ema = data["G_ema"]

    training_set = torch.rand(12, 3, 8, 8) * 2 - 1
    finetune(new_G.train().requires_grad_(False), D, G_ema, training_set)


if __name__ == "__main__":
    main()
