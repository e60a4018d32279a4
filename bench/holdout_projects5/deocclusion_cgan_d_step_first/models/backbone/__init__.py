from .discriminator import *  # noqa: F401,F403
from .others import *  # noqa: F401,F403
from .pconv_unet import *  # noqa: F401,F403
