from .preresnet import *
