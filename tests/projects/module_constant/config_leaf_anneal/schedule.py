import config


def anneal(decay: float) -> None:
    config.TEMPERATURE.mul_(decay)  # expect: GG001 # raises: RuntimeError: a leaf Variable that requires grad is being used in an in-place operation
