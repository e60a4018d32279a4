class ConfigSettings(object):
    """Defaults shared by the toolbox's algorithms (device, number of jobs, verbosity)."""

    __slots__ = ("default_device", "NJOBS", "GPU", "verbose")

    def __init__(self):
        self.default_device = "cpu"
        self.NJOBS = 1
        self.GPU = 0
        self.verbose = False

    def get_default(self, *args, **kwargs):
        """Return the given value of each keyword, or the setting's default when it is None."""

        def retrieve_param(name, value):
            default = {"njobs": "NJOBS", "gpus": "GPU", "device": "default_device", "verbose": "verbose"}
            return getattr(self, default[name]) if value is None else value

        if len(kwargs) == 1:
            return retrieve_param(*list(kwargs.items())[0])
        return tuple(retrieve_param(name, value) for name, value in kwargs.items())


SETTINGS = ConfigSettings()
