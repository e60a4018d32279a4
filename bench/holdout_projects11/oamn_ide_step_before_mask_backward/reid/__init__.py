from __future__ import absolute_import

from . import loss, models, trainers, utils  # noqa: F401
