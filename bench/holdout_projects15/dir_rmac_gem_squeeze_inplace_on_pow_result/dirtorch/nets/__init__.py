"""List all architectures at the bottom of this file."""

internal_funcs = set(globals().keys())

from .backbones.resnet import resnet18  # noqa: E402
from .rmac_resnet import resnet18_rmac  # noqa: E402
from .rmac_resnet_fpn import resnet18_fpn_rmac  # noqa: E402

model_names = {
    name
    for name in globals()
    if name.islower() and not name.startswith("__") and name not in internal_funcs and callable(globals()[name])
}

__all__ = ["create_model", "resnet18", "resnet18_fpn_rmac", "resnet18_rmac"]


def create_model(arch, pretrained="", delete_fc=False, *args, **kwargs):
    """Create an empty network for RMAC.

    arch : str
        name of the function to call
    kwargs : dict
        optional arguments
    """
    if arch not in model_names:
        raise NameError(f"unknown model architecture '{arch}'\nSelect one in {','.join(model_names)}")
    model = globals()[arch](*args, **kwargs)

    model.preprocess = dict(mean=model.rgb_means, std=model.rgb_stds, input_size=max(model.input_size))
    return model
