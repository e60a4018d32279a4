"""A config file read into attribute dictionaries (what mmcv's Config.fromfile does)."""

import runpy


class ConfigDict(dict):
    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError as exc:
            raise AttributeError(name) from exc


def _to_config_dict(value):
    if isinstance(value, dict):
        return ConfigDict({k: _to_config_dict(v) for k, v in value.items()})
    return value


class Config:
    @staticmethod
    def fromfile(filename):
        namespace = runpy.run_path(filename)
        return _to_config_dict({k: v for k, v in namespace.items() if not k.startswith("__")})
