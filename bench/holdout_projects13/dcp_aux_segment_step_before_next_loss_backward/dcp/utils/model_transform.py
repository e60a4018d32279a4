import torch.nn as nn

__all__ = ["data_parallel"]


def data_parallel(model, n_gpus, gpu0=0):
    """
    assign model to multi-gpu mode (CPU only here: the modules are returned as they are)
    """
    if n_gpus == 0:
        assert False, "only support gpu mode"
    if isinstance(model, list):
        for i in range(len(model)):
            if n_gpus >= 2 and not isinstance(model[i], nn.DataParallel):
                model[i] = nn.DataParallel(model[i])
    elif n_gpus >= 2 and not isinstance(model, nn.DataParallel):
        model = nn.DataParallel(model)
    return model
