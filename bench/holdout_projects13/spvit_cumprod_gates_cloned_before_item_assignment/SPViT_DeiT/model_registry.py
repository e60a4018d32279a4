"""A small stand-in for timm's model registry (`register_model` / `create_model`)."""

_model_entrypoints = {}


def register_model(fn):
    _model_entrypoints[fn.__name__] = fn
    return fn


def create_model(model_name, pretrained=False, **kwargs):
    kwargs = {k: v for k, v in kwargs.items() if v is not None}
    create_fn = _model_entrypoints[model_name]
    return create_fn(pretrained=pretrained, **kwargs)
