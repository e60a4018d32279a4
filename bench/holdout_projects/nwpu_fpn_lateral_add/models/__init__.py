from .counter import CountingNet

MODELS = {"mcc": CountingNet}


def build_model(cfg):
    return MODELS[cfg["name"]](**cfg.get("kwargs", {}))
