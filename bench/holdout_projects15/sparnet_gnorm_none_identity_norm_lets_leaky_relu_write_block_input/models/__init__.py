import importlib

from models.base_model import BaseModel


def find_model_using_name(model_name):
    """Import "models/[model_name]_model.py" and return the BaseModel subclass named [model_name]Model."""
    model_filename = "models." + model_name + "_model"
    modellib = importlib.import_module(model_filename)
    model = None
    target_model_name = model_name.replace("_", "") + "model"
    for name, cls in modellib.__dict__.items():
        if name.lower() == target_model_name.lower() and issubclass(cls, BaseModel):
            model = cls

    if model is None:
        raise SystemExit(f"In {model_filename}.py, there should be a subclass of BaseModel named {target_model_name}")

    return model


def create_model(opt):
    model = find_model_using_name(opt.model)
    instance = model(opt)
    print(f"model [{type(instance).__name__}] was created")
    return instance
