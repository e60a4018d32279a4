from . import watermodel

MODELS = {"water": watermodel.make_model}


def make_model(name):
    return MODELS[name]()
