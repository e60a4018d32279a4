from __future__ import absolute_import

from .triplet import TripletLoss

__all__ = [
    'TripletLoss',
]
