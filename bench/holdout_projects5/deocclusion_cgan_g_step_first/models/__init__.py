from . import backbone
from .losses import *  # noqa: F401,F403
from .partial_completion_content_cgan import *  # noqa: F401,F403
